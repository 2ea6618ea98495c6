package io.chimera.insight.schemas.serde;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * A record with its Avro binary encoding under {@code schema}, made once ({@link AvroBodyEncoder#encode}):
 * for a caller that needs the bytes itself (to fingerprint them) before it sends the record, so that
 * sending it ({@link AvroSerializer#forEncoded()}) writes those bytes instead of encoding the record again.
 * The bytes are the record's as it was when encoded: a record changed afterwards is not encoded again.
 *
 * <p>The encoding is held behind room for the wire format's header, so that sending it fills the header in
 * and hands over that array ({@link #wireFormat}), where it used to copy the encoding into a new array behind
 * the header (a configuration's record is a few KiB, most of them its sketches' bytes, and an emission sends
 * one per changed configuration). Not thread-safe: a record is encoded and sent by one stream thread.
 *
 * @param <T> the generated class of the record
 */
public final class Encoded<T extends SpecificRecord> {

    private final T record;
    private final Schema schema;
    /** The wire format's header (filled in when first sent), then the Avro binary encoding. */
    private final byte[] wire;
    /** The schema id {@link #wire}'s header holds; negative while it holds none yet. */
    private int headerId = -1;

    /** {@code wire}: room for the wire format's header ({@value WireFormat#HEADER_SIZE} bytes), then the encoding. */
    Encoded(T record, Schema schema, byte[] wire) {
        this.record = Objects.requireNonNull(record, "record");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.wire = Objects.requireNonNull(wire, "wire");
        if (wire.length < WireFormat.HEADER_SIZE) {
            throw new IllegalArgumentException("No room for the wire format's header in " + wire.length + " bytes");
        }
    }

    public T record() {
        return record;
    }

    /** The schema the body was written with. */
    public Schema schema() {
        return schema;
    }

    /** The Avro binary encoding, without the wire format's header: a copy. */
    public byte[] body() {
        return Arrays.copyOfRange(wire, WireFormat.HEADER_SIZE, wire.length);
    }

    /**
     * The Avro binary encoding, without the wire format's header, in place (no copy): from the buffer's
     * position to its limit. Callers only read it.
     */
    public ByteBuffer bodyBuffer() {
        return ByteBuffer.wrap(wire, WireFormat.HEADER_SIZE, wire.length - WireFormat.HEADER_SIZE);
    }

    /**
     * The wire format of the record with {@code schemaId}: the header, then the encoding. The first time, the
     * header is written into the room kept for it and that array is returned; again with the same id, the same
     * array; with another id, a new one (an array handed out is never changed).
     */
    byte[] wireFormat(int schemaId) {
        if (headerId < 0) {
            AvroBodyEncoder.writeHeader(wire, schemaId);
            headerId = schemaId;
        }
        if (headerId == schemaId) {
            return wire;
        }
        byte[] other = wire.clone();
        AvroBodyEncoder.writeHeader(other, schemaId);
        return other;
    }
}
