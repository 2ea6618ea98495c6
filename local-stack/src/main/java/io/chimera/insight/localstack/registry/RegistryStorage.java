package io.chimera.insight.localstack.registry;

import io.chimera.insight.platform.kafka.TopicReplication;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the registry keeps its schemas: the Kafka client properties of the cluster (bootstrap
 * servers and whatever security the cluster needs) and how the {@value EmbeddedSchemaRegistry#TOPIC}
 * topic is replicated, should the registry have to create it.
 *
 * @param clientProperties Kafka client properties, {@code bootstrap.servers} included
 * @param replication      replication factor and {@code min.insync.replicas} of a topic the registry creates
 */
public record RegistryStorage(Map<String, String> clientProperties, TopicReplication replication) {

    public RegistryStorage {
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(clientProperties.get("bootstrap.servers"), "bootstrap.servers is required");
        Objects.requireNonNull(replication, "replication");
    }

    /**
     * A single-broker cluster at {@code bootstrapServers} with no security, the topic on one
     * replica: the local stack's embedded broker.
     */
    public static RegistryStorage singleBroker(String bootstrapServers) {
        return new RegistryStorage(Map.of("bootstrap.servers", bootstrapServers), TopicReplication.of((short) 1, null));
    }

    /** A real cluster: {@code clientProperties} with {@code bootstrap.servers} added. */
    public static RegistryStorage cluster(String bootstrapServers, Map<String, String> clientProperties,
                                          TopicReplication replication) {
        Map<String, String> merged = new LinkedHashMap<>(clientProperties);
        merged.put("bootstrap.servers", bootstrapServers);
        return new RegistryStorage(merged, replication);
    }

    /** The client properties with {@code overrides} on top, for one Kafka client. */
    Map<String, Object> clientConfig(Map<String, Object> overrides) {
        Map<String, Object> config = new LinkedHashMap<>(clientProperties);
        config.putAll(overrides);
        return config;
    }
}
