package io.chimera.insight.platform.kafka;

import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.schemas.registry.SchemaRegistry;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The serdes of our topics: UTF-8 string keys, Avro values in the Confluent wire format through the
 * registry (plain strings for the few topics whose values are strings). One serde per value type,
 * shared, because each caches its schema ids.
 */
public final class EventSerdes {

    private final SchemaRegistry registry;
    private final Map<Class<?>, Serde<?>> byType = new ConcurrentHashMap<>();

    public EventSerdes(SchemaRegistry registry) {
        this.registry = registry;
    }

    public SchemaRegistry registry() {
        return registry;
    }

    /** Keys of every topic are plain UTF-8 strings (a model name, a path, a file id). */
    public Serde<String> key() {
        return Serdes.String();
    }

    /** The value serde of a topic. */
    @SuppressWarnings("unchecked")
    public <V> Serde<V> value(Topic<V> topic) {
        return (Serde<V>) byType.computeIfAbsent(topic.valueType(), this::create);
    }

    /** The value serde of a topic whose values are Avro records: the same instance as {@link #value}. */
    @SuppressWarnings("unchecked")
    public <V extends SpecificRecord> AvroSerde<V> avroValue(Topic<V> topic) {
        return (AvroSerde<V>) value(topic);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Serde<?> create(Class<?> type) {
        if (type == String.class) {
            return Serdes.String();
        }
        if (SpecificRecord.class.isAssignableFrom(type)) {
            return AvroSerde.forValue(registry, (Class) type);
        }
        throw new IllegalArgumentException("no serde for value type " + type.getName());
    }
}
