package io.chimera.insight.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro
 * binary encoding. Speaking it lets Confluent's own consumers, ksqlDB and Connect read our topics.
 */
public final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /**
     * Reads the header and returns the schema id; the buffer is left at the Avro payload (public for
     * readers that fingerprint that payload, e.g. {@code ConfigMetricsView}).
     */
    public static int readSchemaId(String topic, ByteBuffer buffer) {
        if (buffer.remaining() < HEADER_SIZE) {
            throw new SerializationException("record on " + topic + " is " + buffer.remaining()
                    + " bytes, too short for the Confluent wire format header");
        }
        byte magic = buffer.get();
        if (magic != MAGIC_BYTE) {
            throw new SerializationException("record on " + topic + " starts with byte " + magic
                    + ", not the Confluent magic byte 0: not written by an Avro registry serde");
        }
        return buffer.getInt();
    }
}
