package io.chimera.insight.aggregate.state;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Binary encoding of one kind of internal state-store value.
 *
 * <p>Why hand-written binary rather than Avro or JSON: these values never leave the service
 * (they live in RocksDB and in the stores' changelog topics, read back only by this code), so
 * they need no schema registry round trip and no public contract; they are written on every
 * run, so they should be compact and cheap (sketch bytes stay raw instead of base64). Each
 * value starts with a format byte so that a later layout can still read the old one.
 */
public abstract class StateCodec<T> {

    private final byte format;
    /**
     * Each thread's output, reused value after value: an entry of the aggregation is encoded on every one
     * of its runs (Streams serialises on every put), and a new output per value grew its array two or three
     * times and copied it each time (a tenth of the stream thread's allocation, profiled). A codec is shared
     * by the stream threads (one serde per topology), hence one per thread, set once: a {@code ThreadLocal.set}
     * per value costs a walk of the thread's map (seen in an earlier profile). An encode nested in another on
     * the same thread (none today) finds it {@linkplain StateOutput#busy busy} and takes one of its own.
     */
    private final ThreadLocal<StateOutput> outputs = new ThreadLocal<>();

    /** The room a thread's output starts with. */
    private static final int INITIAL_BYTES = 1024;
    /** The largest output a thread keeps for the next value. */
    static final int MAX_KEPT_BYTES = 64 * 1024;

    StateCodec(int format) {
        this.format = (byte) format;
    }

    abstract void write(DataOutput out, T value) throws IOException;

    abstract T read(DataInput in) throws IOException;

    /**
     * Whether values written in an earlier format {@code found} can still be read (by
     * {@link #readEarlier}); none by default.
     */
    boolean readsEarlier(byte found) {
        return false;
    }

    T readEarlier(DataInput in, byte found) throws IOException {
        throw new IllegalStateException("no earlier format " + found);
    }

    /** A Kafka serde over this codec; null stays null (a store delete). */
    public final Serde<T> serde() {
        return Serdes.serdeFrom((topic, value) -> encode(value), (topic, bytes) -> decode(bytes));
    }

    public final byte[] encode(T value) {
        if (value == null) {
            return null;
        }
        StateOutput out = outputs.get();
        if (out == null) {
            out = new StateOutput(INITIAL_BYTES);
            outputs.set(out);
        }
        if (out.busy) {
            out = new StateOutput(INITIAL_BYTES);
        }
        out.busy = true;
        out.reset();
        try {
            out.writeByte(format);
            write(out, value);
            return out.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("Cannot encode state value " + value, e);
        } finally {
            out.busy = false;
            // One oversized value does not keep its array for good.
            if (out.capacity() > MAX_KEPT_BYTES && outputs.get() == out) {
                outputs.set(new StateOutput(INITIAL_BYTES));
            }
        }
    }

    public final T decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte found = in.readByte();
            if (found != format && readsEarlier(found)) {
                return readEarlier(in, found);
            }
            if (found != format) {
                throw new SerializationException(getClass().getSimpleName() + " cannot read state format " + found
                        + " (knows " + format + ")");
            }
            return read(in);
        } catch (IOException e) {
            throw new SerializationException("Cannot decode state value with " + getClass().getSimpleName(), e);
        }
    }

    /** Strings as length-prefixed UTF-8, without {@link DataOutput#writeUTF}'s 64 KiB limit. */
    static void writeString(DataOutput out, String value) throws IOException {
        if (out instanceof StateOutput direct) {
            direct.writeString(value);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    static String readString(DataInput in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    /**
     * {@code value} as an unsigned varint (seven bits a byte, low bits first, the high bit set on every byte but
     * the last): one byte below 128, where {@link DataOutput#writeLong} takes eight. A negative value takes ten.
     */
    static void writeVarLong(DataOutput out, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    static long readVarLong(DataInput in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < Long.SIZE; shift += 7) {
            byte next = in.readByte();
            value |= (long) (next & 0x7F) << shift;
            if (next >= 0) {
                return value;
            }
        }
        throw new IOException("A varint longer than ten bytes");
    }

    /** {@code value} zig-zagged (0, -1, 1, -2, ... to 0, 1, 2, 3, ...), then {@link #writeVarLong}: small either side of 0. */
    static void writeZigZagLong(DataOutput out, long value) throws IOException {
        writeVarLong(out, (value << 1) ^ (value >> 63));
    }

    static long readZigZagLong(DataInput in) throws IOException {
        long zigZag = readVarLong(in);
        return (zigZag >>> 1) ^ -(zigZag & 1);
    }

    /** A {@link #writeVarLong} that must be a non-negative int (a count, a length, an index). */
    static int readVarInt(DataInput in) throws IOException {
        long value = readVarLong(in);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IOException("A count or length of " + Long.toUnsignedString(value));
        }
        return (int) value;
    }

    /** Strings as UTF-8 behind their length as a {@link #writeVarLong} (one byte for a metric's name), not an int. */
    static void writeShortString(DataOutput out, String value) throws IOException {
        if (out instanceof StateOutput direct) {
            direct.writeShortString(value);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarLong(out, utf8.length);
        out.write(utf8);
    }

    static String readShortString(DataInput in) throws IOException {
        return new String(readBytes(in, readVarInt(in)), StandardCharsets.UTF_8);
    }

    static void writeBytes(DataOutput out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    static byte[] readBytes(DataInput in) throws IOException {
        return readBytes(in, in.readInt());
    }

    private static byte[] readBytes(DataInput in, int length) throws IOException {
        if (length < 0) {
            throw new IOException("Negative length " + length);
        }
        // A length read from misaligned or damaged bytes is refused before it is allocated (it could ask for 2 GiB).
        if (in instanceof InputStream stream && length > stream.available()) {
            throw new IOException("Length " + length + " past the " + stream.available() + " bytes left");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
