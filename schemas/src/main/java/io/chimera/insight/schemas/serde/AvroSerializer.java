package io.chimera.insight.schemas.serde;

import io.chimera.insight.schemas.registry.SchemaRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes specific Avro records in the Confluent wire format, registering the schema under the
 * topic's TopicNameStrategy subject the first time a topic is written. Records are encoded by an
 * {@link AvroBodyEncoder} (reused per-thread buffers, the classes' generated encoders).
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SchemaRegistry registry;
    private final Schema schema;
    private final boolean isKey;
    private final AvroBodyEncoder<T> encoder;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();

    public AvroSerializer(SchemaRegistry registry, Schema schema, boolean isKey) {
        this.registry = registry;
        this.schema = schema;
        this.isKey = isKey;
        this.encoder = new AvroBodyEncoder<>(schema);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null; // a tombstone stays a tombstone
        }
        int id = schemaId(topic);
        try {
            return encoder.write(data, id);
        } catch (SerializationException e) {
            throw new SerializationException("cannot encode " + schema.getFullName() + " for " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * A serialiser of records already {@linkplain AvroBodyEncoder#encode encoded} under this serialiser's
     * schema: the same bytes as {@link #serialize} for the record as it was encoded, without encoding it
     * again (the schema is registered as by {@link #serialize}). Null stays null, for tombstones.
     */
    public Serializer<Encoded<T>> forEncoded() {
        return (topic, encoded) -> {
            if (encoded == null) {
                return null;
            }
            if (!encoded.schema().equals(schema)) {
                throw new SerializationException("a " + encoded.schema().getFullName() + " encoded under another schema"
                        + " cannot be sent as " + schema.getFullName() + " to " + topic);
            }
            return encoded.wireFormat(schemaId(topic));
        };
    }

    /**
     * Registers the schema under {@code topic}'s subject now, as the first write to it would, and keeps
     * its id for the writes to come: a service that does this as it starts writes on through a registry
     * restarting later.
     *
     * @return the schema's id
     * @throws io.chimera.insight.schemas.registry.SchemaRegistryException when the registry refuses or cannot be reached
     */
    public int register(String topic) {
        return schemaId(topic);
    }

    private int schemaId(String topic) {
        return idsByTopic.computeIfAbsent(topic, t -> registry.register(SchemaRegistry.subjectFor(t, isKey), schema));
    }
}
