package io.chimera.insight.aggregate.topology;

import io.chimera.insight.platform.topics.ConfigMetricsKey;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends a {@code config-metrics} record to its model's partition ({@link ConfigMetricsKey#partitionOf}),
 * not to its whole key's: one model's configurations then stay in one partition, in the order written,
 * beside where its model-keyed records go when the topics have as many partitions.
 */
final class ByModelPartitioner<V> implements StreamPartitioner<String, V> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
        return Optional.of(Set.of(ConfigMetricsKey.partitionOf(ConfigMetricsKey.modelOf(key), numPartitions)));
    }
}
