package io.chimera.insight.platform.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How the topics a service creates are replicated: the replication factor and
 * {@code min.insync.replicas} of our catalog topics, of the registry's schema topic and of Kafka
 * Streams' internal (changelog, repartition) topics alike. Empty values leave the cluster's
 * defaults ({@code default.replication.factor}, {@code min.insync.replicas}) in force. On a
 * three-broker cluster, 3 and 2 keep every topic writable with one broker down and every
 * acknowledged write on two brokers, which exactly-once relies on.
 *
 * @param factor             replicas of each partition; empty = the cluster's default
 * @param minInsyncReplicas  replicas that must have a write before it is acknowledged; empty = the cluster's default
 */
public record TopicReplication(Optional<Short> factor, Optional<Integer> minInsyncReplicas) {

    /** The cluster's defaults for both. */
    public static final TopicReplication CLUSTER_DEFAULTS = new TopicReplication(Optional.empty(), Optional.empty());

    public TopicReplication {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(minInsyncReplicas, "minInsyncReplicas");
        factor.ifPresent(replicas -> {
            if (replicas < 1) {
                throw new IllegalArgumentException("a replication factor must be at least 1, not " + replicas);
            }
        });
        minInsyncReplicas.ifPresent(replicas -> {
            if (replicas < 1) {
                throw new IllegalArgumentException("min.insync.replicas must be at least 1, not " + replicas);
            }
            if (factor.isPresent() && replicas > factor.get()) {
                throw new IllegalArgumentException("min.insync.replicas " + replicas
                        + " exceeds the replication factor " + factor.get() + ": no write could ever be acknowledged");
            }
        });
    }

    /** From optional command-line values (null = the cluster's default). */
    public static TopicReplication of(Short factor, Integer minInsyncReplicas) {
        return new TopicReplication(Optional.ofNullable(factor), Optional.ofNullable(minInsyncReplicas));
    }

    /** The topic-level configuration a created topic gets on top of its own (compaction, record size). */
    public Map<String, String> topicConfigs() {
        return minInsyncReplicas.map(replicas -> Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replicas)))
                .orElse(Map.of());
    }

    /** Kafka Streams' settings for the internal topics it creates; nothing when both are the cluster's defaults. */
    Properties streamsProps() {
        Properties props = new Properties();
        factor.ifPresent(replicas -> props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(replicas)));
        minInsyncReplicas.ifPresent(replicas ->
                props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), Integer.toString(replicas)));
        return props;
    }
}
