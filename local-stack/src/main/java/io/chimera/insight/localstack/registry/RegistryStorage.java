package io.chimera.insight.localstack.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the registry keeps its schemas: the Kafka client properties of the cluster (bootstrap
 * servers and whatever security the cluster needs) and the replication factor of the
 * {@value EmbeddedSchemaRegistry#TOPIC} topic, should the registry have to create it.
 *
 * @param clientProperties Kafka client properties, {@code bootstrap.servers} included
 * @param replicationFactor replicas of a topic the registry creates; empty = the cluster's
 *        {@code default.replication.factor}
 */
public record RegistryStorage(Map<String, String> clientProperties, Optional<Short> replicationFactor) {

    public RegistryStorage {
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(clientProperties.get("bootstrap.servers"), "bootstrap.servers is required");
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        replicationFactor.ifPresent(replicas -> {
            if (replicas < 1) {
                throw new IllegalArgumentException("the schema topic's replication factor must be at least 1, not " + replicas);
            }
        });
    }

    /**
     * A single-broker cluster at {@code bootstrapServers} with no security, the topic on one
     * replica: the local stack's embedded broker.
     */
    public static RegistryStorage singleBroker(String bootstrapServers) {
        return new RegistryStorage(Map.of("bootstrap.servers", bootstrapServers), Optional.of((short) 1));
    }

    /** A real cluster: {@code clientProperties} with {@code bootstrap.servers} added. */
    public static RegistryStorage cluster(String bootstrapServers, Map<String, String> clientProperties,
                                          Optional<Short> replicationFactor) {
        Map<String, String> merged = new LinkedHashMap<>(clientProperties);
        merged.put("bootstrap.servers", bootstrapServers);
        return new RegistryStorage(merged, replicationFactor);
    }

    /** The client properties with {@code overrides} on top, for one Kafka client. */
    Map<String, Object> clientConfig(Map<String, Object> overrides) {
        Map<String, Object> config = new LinkedHashMap<>(clientProperties);
        config.putAll(overrides);
        return config;
    }
}
