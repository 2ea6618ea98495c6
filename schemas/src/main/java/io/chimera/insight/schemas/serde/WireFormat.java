package io.chimera.insight.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro
 * binary encoding. Speaking it lets Confluent's own consumers, ksqlDB and Connect read our topics.
 */
public final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /**
     * The schema id in {@code data}'s header, or -1 when {@code data} is not a record in the wire format
     * with a payload (null, too short, or another first byte): for readers that try a path of their own
     * and leave anything else to the deserializer, whose {@link #readSchemaId} says what is wrong.
     */
    public static int schemaIdOrNone(byte[] data) {
        if (data == null || data.length <= HEADER_SIZE || data[0] != MAGIC_BYTE) {
            return -1;
        }
        return (data[1] & 0xff) << 24 | (data[2] & 0xff) << 16 | (data[3] & 0xff) << 8 | data[4] & 0xff;
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
