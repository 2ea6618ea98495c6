package io.chimera.insight.schemas.serde;

import io.chimera.insight.schemas.registry.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes specific Avro records in the Confluent wire format, registering the schema under the
 * topic's TopicNameStrategy subject the first time a topic is written.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SchemaRegistry registry;
    private final Schema schema;
    private final boolean isKey;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
    /**
     * A buffered encoder per thread, reused: the direct encoder wrote byte by byte into the
     * (synchronised) output stream, which made encoding a run twice as slow as decoding it.
     * Serialisers are shared between threads (ingest encodes on several), hence one per thread.
     */
    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();

    public AvroSerializer(SchemaRegistry registry, Schema schema, boolean isKey) {
        this.registry = registry;
        this.schema = schema;
        this.isKey = isKey;
        this.writer = new SpecificDatumWriter<>(schema);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null; // a tombstone stays a tombstone
        }
        int id = idsByTopic.computeIfAbsent(topic,
                t -> registry.register(SchemaRegistry.subjectFor(t, isKey), schema));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(WireFormat.MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
            ENCODERS.set(encoder);
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + schema.getFullName() + " for " + topic + ": "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
