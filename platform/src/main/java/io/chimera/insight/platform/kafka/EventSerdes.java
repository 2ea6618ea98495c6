package io.chimera.insight.platform.kafka;

import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.schemas.registry.SchemaRegistry;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serdes of our topics: UTF-8 string keys, Avro values in the Confluent wire format through the
 * registry (plain strings for the few topics whose values are strings). One serde per value type,
 * shared, because each caches its schema ids.
 */
public final class EventSerdes {

    private static final Logger log = LoggerFactory.getLogger(EventSerdes.class);

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

    /**
     * Registers the value schemas of {@code topics} now, as their first writes would. Why at start: a
     * write that first meets the registry while it restarts fails, and where that write is a Kafka
     * Streams punctuation (the aggregation's first {@code performance-changes} event, say) the stream
     * thread dies and is replaced, its tasks rebalanced and restored (the container tier's F6 took
     * 104–132 s in runs where that happened, 23–33 s in others). Best effort: topics whose schema the
     * registry cannot take now ({@link KafkaFailures#isRegistryUnavailable}) are left to their first
     * write, as before, and returned; any other refusal (an incompatible schema, say) is thrown, since
     * the first write would fail the same way.
     *
     * @return the topics (full names) left to their first write
     */
    public List<String> registerValueSchemas(TopicNames names, Collection<Topic<?>> topics) {
        List<String> left = new ArrayList<>();
        for (Topic<?> topic : topics) {
            if (value(topic) instanceof AvroSerde<?> avro) {
                String name = names.of(topic);
                try {
                    avro.serializer().register(name);
                } catch (RuntimeException e) {
                    if (!KafkaFailures.isRegistryUnavailable(e)) {
                        throw e;
                    }
                    log.warn("the schema of {} is left to its first write: {}", name, e.getMessage());
                    left.add(name);
                }
            }
        }
        return left;
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
