package io.chimera.insight.aggregate.state;

import com.datadoghq.sketch.ddsketch.encoding.Output;
import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one state value as a {@link StateCodec} writes it: {@link DataOutput}'s encodings,
 * byte for byte those of a {@link DataOutputStream} (big-endian), into one growable array.
 *
 * <p>Why not a {@code DataOutputStream} over a {@code ByteArrayOutputStream}: an entry of the
 * aggregation is encoded on every one of its runs (Kafka Streams serialises a value on every put),
 * and its hundred-odd fields each went through a synchronised write and a copy; its sketches were
 * each encoded into an array of their own and copied in. Here the fields are written in place, and
 * a sketch is encoded straight into the value ({@link Output}, sketches-java's sink, with
 * {@link #reserveInt} and {@link #putInt} for the length in front of it). Strings go in as UTF-8 without an
 * array of their own ({@link #writeString}). A codec keeps one per thread and {@link #reset}s it for each
 * value, so the array is grown once, not per value; {@link #toByteArray} copies out the value's bytes. Not
 * thread-safe.
 */
final class StateOutput implements DataOutput, Output {

    private byte[] bytes;
    private int size;
    /** Whether a codec is writing a value into it now ({@code StateCodec#encode}). */
    boolean busy;

    StateOutput(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** Bytes written so far. */
    int size() {
        return size;
    }

    /** The bytes written, in a new array of their own length (this one may be {@link #reset} and written again). */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Writes the bytes written so far to {@code out}, in one piece. */
    void writeTo(DataOutput out) throws IOException {
        out.write(bytes, 0, size);
    }

    /** Forgets what was written, keeping the array for the next value. */
    void reset() {
        size = 0;
    }

    /** How many bytes it can hold before it grows. */
    int capacity() {
        return bytes.length;
    }

    /**
     * Writes {@code value} as {@code StateCodec.writeShortString} does: its length in UTF-8 bytes as a varint, then
     * those bytes; ASCII char by char, like {@link #writeString}.
     */
    void writeShortString(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                writeVarInt(utf8.length);
                write(utf8);
                return;
            }
        }
        writeVarInt(length);
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) value.charAt(i);
        }
    }

    /** A non-negative int as {@code StateCodec.writeVarLong} writes it. */
    private void writeVarInt(int value) {
        ensure(5);
        while ((value & ~0x7F) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    /**
     * Writes {@code value} as {@code StateCodec.writeString} always has: its length in UTF-8 bytes as an int,
     * then those bytes. ASCII (every key and metric name the aggregation writes) goes in char by char; a string
     * with any other char is encoded by {@link String#getBytes}, as before.
     */
    void writeString(String value) {
        int length = value.length();
        ensure(Integer.BYTES + length);
        int start = size;
        int at = start + Integer.BYTES;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                size = start;
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                writeInt(utf8.length);
                write(utf8);
                return;
            }
            bytes[at++] = (byte) c;
        }
        size = start + Integer.BYTES;
        putInt(start, length);
        size = at;
    }

    /** Leaves room for an int to be {@link #putInt} later; returns where it goes. */
    int reserveInt() {
        ensure(Integer.BYTES);
        int at = size;
        size += Integer.BYTES;
        return at;
    }

    /** Writes {@code value} at {@code at}, as {@link #writeInt} would have there. */
    void putInt(int at, int value) {
        if (at < 0 || at + Integer.BYTES > size) {
            throw new IndexOutOfBoundsException("no int written at " + at + " of " + size + " bytes");
        }
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, 2 * bytes.length));
        }
    }

    /** sketches-java's sink: one byte. */
    @Override
    public void writeByte(byte value) {
        ensure(1);
        bytes[size++] = value;
    }

    @Override
    public void write(int value) {
        writeByte((byte) value);
    }

    @Override
    public void write(byte[] values) {
        write(values, 0, values.length);
    }

    @Override
    public void write(byte[] values, int offset, int length) {
        ensure(length);
        System.arraycopy(values, offset, bytes, size, length);
        size += length;
    }

    @Override
    public void writeBoolean(boolean value) {
        writeByte((byte) (value ? 1 : 0));
    }

    @Override
    public void writeByte(int value) {
        writeByte((byte) value);
    }

    @Override
    public void writeShort(int value) {
        ensure(Short.BYTES);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    @Override
    public void writeChar(int value) {
        writeShort(value);
    }

    @Override
    public void writeInt(int value) {
        ensure(Integer.BYTES);
        size += Integer.BYTES;
        putInt(size - Integer.BYTES, value);
    }

    @Override
    public void writeLong(long value) {
        ensure(Long.BYTES);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    @Override
    public void writeFloat(float value) {
        writeInt(Float.floatToIntBits(value));
    }

    @Override
    public void writeDouble(double value) {
        writeLong(Double.doubleToLongBits(value));
    }

    @Override
    public void writeBytes(String value) {
        for (int i = 0; i < value.length(); i++) {
            writeByte((byte) value.charAt(i));
        }
    }

    @Override
    public void writeChars(String value) {
        for (int i = 0; i < value.length(); i++) {
            writeChar(value.charAt(i));
        }
    }

    /** Modified UTF-8, as {@link DataOutputStream#writeUTF} writes it (no codec here uses it). */
    @Override
    public void writeUTF(String value) throws IOException {
        ByteArrayOutputStream utf = new ByteArrayOutputStream(value.length() + 2);
        try (DataOutputStream out = new DataOutputStream(utf)) {
            out.writeUTF(value);
        }
        write(utf.toByteArray());
    }
}
