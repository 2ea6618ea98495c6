package io.chimera.insight.schemas.serde;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * A record with its Avro binary encoding under {@code schema}, made once ({@link AvroBodyEncoder#encode}):
 * for a caller that needs the bytes itself (to fingerprint them) before it sends the record, so that
 * sending it ({@link AvroSerializer#forEncoded()}) writes those bytes instead of encoding the record again.
 * The bytes are the record's as it was when encoded: a record changed afterwards is not encoded again.
 *
 * @param <T> the generated class of the record
 */
public final class Encoded<T extends SpecificRecord> {

    private final T record;
    private final Schema schema;
    private final byte[] body;

    Encoded(T record, Schema schema, byte[] body) {
        this.record = Objects.requireNonNull(record, "record");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.body = Objects.requireNonNull(body, "body");
    }

    public T record() {
        return record;
    }

    /** The schema the body was written with. */
    public Schema schema() {
        return schema;
    }

    /**
     * The Avro binary encoding, without the wire format's header: the array itself, not a copy
     * (callers only read it).
     */
    public byte[] body() {
        return body;
    }
}
