package io.chimera.insight.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry API our serdes and tools need.
 *
 * <p>An interface so the same serde runs against a real registry over HTTP
 * ({@link HttpSchemaRegistryClient}) and in-process in topology unit tests
 * ({@link InMemorySchemaRegistry}).
 */
public interface SchemaRegistry {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with the given global id. */
    Schema getById(int id);

    /** The latest version registered under {@code subject}. */
    RegisteredSchema latest(String subject);

    /** Whether {@code schema} may be registered under {@code subject} given its compatibility level. */
    boolean isCompatible(String subject, Schema schema);

    /** All subjects, in the registry's order. */
    List<String> subjects();

    /** The Confluent TopicNameStrategy subject for a topic's key or value. */
    static String subjectFor(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
