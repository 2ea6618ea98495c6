package io.chimera.insight.platform.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.Serializer;
import com.datadoghq.sketch.ddsketch.mapping.CubicallyInterpolatedMapping;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LinearlyInterpolatedMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.mapping.QuadraticallyInterpolatedMapping;
import com.datadoghq.sketch.ddsketch.mapping.QuarticallyInterpolatedMapping;
import com.datadoghq.sketch.ddsketch.store.BinAcceptor;
import com.datadoghq.sketch.ddsketch.store.DenseStore;
import com.datadoghq.sketch.ddsketch.store.Store;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Reads and writes a {@link DDSketch} in the DDSketch protobuf encoding (DataDog's
 * {@code ddsketch.proto}), the format {@code MetricStats.sketch} carries on the wire.
 *
 * <p>Writing uses the library's own {@link DDSketch#serialize()}. Reading is done here, by
 * hand, because sketches-java only decodes protobuf through classes generated for protobuf-java
 * 3.13: an optional dependency, old (with published CVEs), and whose generated code is not meant
 * to run on the protobuf-java 4 runtimes other libraries pull in. The message has four fields, so
 * a small reader that follows the protobuf wire format (varint, fixed64, length-delimited,
 * unknown fields skipped) is cheaper and safer than that dependency. Other languages (Python {@code ddsketch},
 * Go {@code sketches-go}) read the same bytes.
 */
public final class SketchCodec {

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH_DELIMITED = 2;
    private static final int WIRE_FIXED32 = 5;

    private SketchCodec() {
    }

    /** The protobuf encoding of {@code sketch}. */
    public static byte[] encode(DDSketch sketch) {
        ByteBuffer buffer = sketch.serialize();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * Writes {@link #encode}'s bytes of a sketch with no negative values and a dense positive store, bin by
     * bin as its caller walks the store ({@link Store#forEach}) for its own purpose: for a snapshot, which
     * walks the bins for its percentiles anyway. Where {@link DDSketch#serialize()} works out the size in
     * one pass, writes every count through a {@code ByteBuffer} in another and {@link #encode} copies the
     * result, this writes each count once into the array that is returned.
     *
     * <p>The same bytes, field for field as sketches-java 0.8.3 writes them ({@code DDSketch.serialize},
     * {@code Serializer}, {@code DenseStore.serialize}): the index mapping (field 1, its own encoding,
     * asked of the mapping and kept); the positive store (field 2) as its counts from the lowest index to
     * the highest, eight little-endian bytes each, zeros between, packed (its field 2), then that lowest
     * index zigzag-encoded (its field 3), or nothing when empty; the negative store (field 3), empty; the
     * zero count (field 4, a little-endian double) unless it is 0. {@code SketchCodecTest} compares them with
     * the library's.
     */
    public static final class DenseWriter implements BinAcceptor {
        private static final VarHandle LITTLE_ENDIAN_DOUBLE =
                MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
        /** The last mapping's encoding: a sketch's mapping is one of a few constants. */
        private static volatile MappingBytes lastMapping;

        private final byte[] bytes;
        private final int minIndex;
        /** Where the count of {@code minIndex} goes. */
        private final int countsAt;

        private DenseWriter(byte[] bytes, int minIndex, int countsAt) {
            this.bytes = bytes;
            this.minIndex = minIndex;
            this.countsAt = countsAt;
        }

        /**
         * A writer for a sketch of {@code mapping}, positive store {@code positive}, an empty negative store
         * and {@code zeroCount} zeros, or null when {@code positive} is not a {@link DenseStore} (another
         * store is written in another form: use {@link #encode}).
         */
        public static DenseWriter of(IndexMapping mapping, Store positive, double zeroCount) {
            if (!(positive instanceof DenseStore)) {
                return null;
            }
            return positive.isEmpty()
                    ? ofBins(mapping, 0, 0, zeroCount)
                    : ofBins(mapping, positive.getMinIndex(), positive.getMaxIndex() - positive.getMinIndex() + 1,
                            zeroCount);
        }

        /**
         * A writer for a sketch of {@code mapping} whose positive store is a {@link DenseStore} holding {@code bins}
         * bins from {@code minIndex} on (none: {@code bins} zero), with an empty negative store and {@code zeroCount}
         * zeros: for a caller that knows the store's lowest and highest index without a store (a handful of
         * values, walked as they are).
         */
        public static DenseWriter ofBins(IndexMapping mapping, int minIndex, int bins, double zeroCount) {
            byte[] mappingBytes = mappingBytes(mapping);
            int storeSize = 0;
            int zigZagMin = 0;
            if (bins > 0) {
                zigZagMin = (minIndex << 1) ^ (minIndex >> 31);
                storeSize = 1 + varIntBytes(bins * Double.BYTES) + bins * Double.BYTES + 1 + varIntBytes(zigZagMin);
            }
            int size = 1 + varIntBytes(mappingBytes.length) + mappingBytes.length
                    + 1 + varIntBytes(storeSize) + storeSize
                    + 2
                    + (zeroCount != 0.0 ? 1 + Double.BYTES : 0);
            byte[] bytes = new byte[size];
            int at = 0;
            bytes[at++] = (byte) (1 << 3 | WIRE_LENGTH_DELIMITED);
            at = writeVarInt(bytes, at, mappingBytes.length);
            System.arraycopy(mappingBytes, 0, bytes, at, mappingBytes.length);
            at += mappingBytes.length;
            bytes[at++] = (byte) (2 << 3 | WIRE_LENGTH_DELIMITED);
            at = writeVarInt(bytes, at, storeSize);
            int countsAt = at;
            if (storeSize > 0) {
                bytes[at++] = (byte) (2 << 3 | WIRE_LENGTH_DELIMITED);
                at = writeVarInt(bytes, at, bins * Double.BYTES);
                countsAt = at;
                at += bins * Double.BYTES; // the counts, zero until accepted
                bytes[at++] = (byte) (3 << 3 | WIRE_VARINT);
                at = writeVarInt(bytes, at, zigZagMin);
            }
            bytes[at++] = (byte) (3 << 3 | WIRE_LENGTH_DELIMITED);
            bytes[at++] = 0;
            if (zeroCount != 0.0) {
                bytes[at++] = (byte) (4 << 3 | WIRE_FIXED64);
                LITTLE_ENDIAN_DOUBLE.set(bytes, at, zeroCount);
            }
            return new DenseWriter(bytes, minIndex, countsAt);
        }

        /** The count of bin {@code index} of the positive store; bins not accepted stay zero. */
        @Override
        public void accept(int index, double count) {
            LITTLE_ENDIAN_DOUBLE.set(bytes, countsAt + Double.BYTES * (index - minIndex), count);
        }

        /** The bytes, once every non-zero bin was accepted. */
        public byte[] bytes() {
            return bytes;
        }

        private static byte[] mappingBytes(IndexMapping mapping) {
            MappingBytes last = lastMapping;
            if (last == null || last.mapping != mapping) {
                Serializer serializer = new Serializer(mapping.serializedSize());
                mapping.serialize(serializer);
                ByteBuffer buffer = serializer.getBuffer();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                last = new MappingBytes(mapping, bytes);
                lastMapping = last;
            }
            return last.bytes;
        }

        private record MappingBytes(IndexMapping mapping, byte[] bytes) {
        }

        /** Bytes of {@code value} as an unsigned varint (the library's {@code varIntLength}, which counts one less). */
        private static int varIntBytes(int value) {
            return (31 - Integer.numberOfLeadingZeros(value)) / 7 + 1;
        }

        private static int writeVarInt(byte[] bytes, int at, int value) {
            int remaining = value;
            for (int i = varIntBytes(value) - 1; i > 0; i--) {
                bytes[at++] = (byte) ((remaining & 0x7F) | 0x80);
                remaining >>>= 7;
            }
            bytes[at++] = (byte) remaining;
            return at;
        }
    }

    /**
     * Decodes a protobuf-encoded sketch into stores made by {@code storeSupplier}.
     *
     * @throws IllegalArgumentException when the bytes are not a DDSketch message
     */
    public static DDSketch decode(byte[] bytes, Supplier<Store> storeSupplier) {
        Reader reader = new Reader(bytes, 0, bytes.length);
        IndexMapping mapping = null;
        Store positive = storeSupplier.get();
        Store negative = storeSupplier.get();
        double zeroCount = 0.0;
        while (reader.hasMore()) {
            int tag = reader.readVarint32();
            int field = tag >>> 3;
            int wireType = tag & 7;
            switch (field) {
                case 1 -> mapping = readMapping(reader.readEmbedded(wireType));
                case 2 -> readStore(reader.readEmbedded(wireType), positive);
                case 3 -> readStore(reader.readEmbedded(wireType), negative);
                case 4 -> zeroCount = reader.readDouble(wireType);
                default -> reader.skip(wireType);
            }
        }
        if (mapping == null) {
            throw new IllegalArgumentException("DDSketch bytes hold no index mapping");
        }
        return DDSketch.of(mapping, negative, positive, zeroCount);
    }

    private static IndexMapping readMapping(Reader reader) {
        double gamma = 0.0;
        double indexOffset = 0.0;
        int interpolation = 0;
        while (reader.hasMore()) {
            int tag = reader.readVarint32();
            int wireType = tag & 7;
            switch (tag >>> 3) {
                case 1 -> gamma = reader.readDouble(wireType);
                case 2 -> indexOffset = reader.readDouble(wireType);
                case 3 -> interpolation = (int) reader.readVarint(wireType);
                default -> reader.skip(wireType);
            }
        }
        if (!(gamma > 1.0)) {
            throw new IllegalArgumentException("DDSketch index mapping has an invalid gamma: " + gamma);
        }
        // Same correspondence as the library's own IndexMappingProtoBinding.
        return switch (interpolation) {
            case 0 -> new LogarithmicMapping(gamma, indexOffset);
            case 1 -> new LinearlyInterpolatedMapping(gamma, indexOffset);
            case 2 -> new QuadraticallyInterpolatedMapping(gamma, indexOffset);
            case 3 -> new CubicallyInterpolatedMapping(gamma, indexOffset);
            case 4 -> new QuarticallyInterpolatedMapping(gamma, indexOffset);
            default -> throw new IllegalArgumentException("Unknown DDSketch interpolation " + interpolation);
        };
    }

    /**
     * A store carries sparse bins (field 1, map entries of sint32 index to double count) and/or a
     * contiguous run of counts (field 2) starting at the index in field 3. Field 3 may come after
     * field 2, so the contiguous counts are collected first and added at the end, into a {@code double[]}:
     * a boxed list of them was a seventh of the bytes a prompt's figures allocate (JFR of {@code PromptBenchmark}).
     */
    private static void readStore(Reader reader, Store store) {
        double[] contiguous = new double[0];
        int counted = 0;
        int contiguousOffset = 0;
        while (reader.hasMore()) {
            int tag = reader.readVarint32();
            int wireType = tag & 7;
            switch (tag >>> 3) {
                case 1 -> readBin(reader.readEmbedded(wireType), store);
                case 2 -> {
                    if (wireType == WIRE_LENGTH_DELIMITED) {
                        Reader packed = reader.readEmbedded(wireType);
                        contiguous = room(contiguous, counted, packed.remaining() / 8);
                        while (packed.hasMore()) {
                            contiguous[counted++] = packed.readDouble(WIRE_FIXED64);
                        }
                    } else {
                        contiguous = room(contiguous, counted, 1);
                        contiguous[counted++] = reader.readDouble(wireType);
                    }
                }
                case 3 -> contiguousOffset = Reader.zigZagDecode((int) reader.readVarint(wireType));
                default -> reader.skip(wireType);
            }
        }
        for (int i = 0; i < counted; i++) {
            double count = contiguous[i];
            if (count != 0.0) {
                store.add(contiguousOffset + i, count);
            }
        }
    }

    /** {@code counts} with room for {@code more} beyond its first {@code used}: itself, or a copy twice as large. */
    private static double[] room(double[] counts, int used, int more) {
        return used + more <= counts.length ? counts
                : Arrays.copyOf(counts, Math.max(used + more, 2 * counts.length));
    }

    private static void readBin(Reader reader, Store store) {
        int index = 0;
        double count = 0.0;
        while (reader.hasMore()) {
            int tag = reader.readVarint32();
            int wireType = tag & 7;
            switch (tag >>> 3) {
                case 1 -> index = Reader.zigZagDecode((int) reader.readVarint(wireType));
                case 2 -> count = reader.readDouble(wireType);
                default -> reader.skip(wireType);
            }
        }
        if (count != 0.0) {
            store.add(index, count);
        }
    }

    /** A cursor over protobuf wire-format bytes. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;
        private final int limit;

        Reader(byte[] bytes, int position, int limit) {
            this.bytes = bytes;
            this.position = position;
            this.limit = limit;
        }

        boolean hasMore() {
            return position < limit;
        }

        int remaining() {
            return limit - position;
        }

        long readVarint(int wireType) {
            expect(wireType, WIRE_VARINT);
            return readRawVarint();
        }

        int readVarint32() {
            return (int) readRawVarint();
        }

        double readDouble(int wireType) {
            expect(wireType, WIRE_FIXED64);
            return Double.longBitsToDouble(readFixed64());
        }

        Reader readEmbedded(int wireType) {
            expect(wireType, WIRE_LENGTH_DELIMITED);
            int length = lengthPrefix();
            Reader embedded = new Reader(bytes, position, position + length);
            position += length;
            return embedded;
        }

        void skip(int wireType) {
            switch (wireType) {
                case WIRE_VARINT -> readRawVarint();
                case WIRE_FIXED64 -> advance(8);
                case WIRE_LENGTH_DELIMITED -> advance(lengthPrefix());
                case WIRE_FIXED32 -> advance(4);
                default -> throw new IllegalArgumentException("Unsupported protobuf wire type " + wireType);
            }
        }

        static int zigZagDecode(int value) {
            return (value >>> 1) ^ -(value & 1);
        }

        private int lengthPrefix() {
            long length = readRawVarint();
            if (length < 0 || length > limit - position) {
                throw new IllegalArgumentException("Truncated DDSketch bytes");
            }
            return (int) length;
        }

        private long readRawVarint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = nextByte();
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("Malformed varint in DDSketch bytes");
        }

        private long readFixed64() {
            long result = 0;
            for (int i = 0; i < 8; i++) {
                result |= (nextByte() & 0xFFL) << (8 * i);
            }
            return result;
        }

        private byte nextByte() {
            if (position >= limit) {
                throw new IllegalArgumentException("Truncated DDSketch bytes");
            }
            return bytes[position++];
        }

        private void advance(int count) {
            if (count > limit - position) {
                throw new IllegalArgumentException("Truncated DDSketch bytes");
            }
            position += count;
        }

        private static void expect(int actual, int expected) {
            if (actual != expected) {
                throw new IllegalArgumentException(
                        "Unexpected protobuf wire type " + actual + " (expected " + expected + ") in DDSketch bytes");
            }
        }
    }
}
