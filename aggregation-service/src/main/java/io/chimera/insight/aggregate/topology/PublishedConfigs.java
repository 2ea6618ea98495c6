package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.state.ConfigFingerprint;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.platform.topics.ConfigMetricsKey;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What {@code config-metrics} holds of each model, so that an emission writes only the configurations
 * that changed, and a tombstone for each configuration that lost all its runs (a replaced file): the
 * store {@link AggregationTopology#PUBLISHED_CONFIGS_STORE} maps each published record's key to the
 * {@link ConfigFingerprint} of what it holds. The store is changelogged and written in the emission's
 * transaction, so after a restart or a move of the task it still says what the topic holds.
 *
 * <p>A configuration's statistics also change when nothing of its own did: its cold runs follow the
 * model's cold-start threshold, its metric names the model's metric set. Comparing what would be
 * written with what was written covers that too.
 */
final class PublishedConfigs {

    /** Where a record goes: the value is null for a tombstone. */
    interface Sink {
        void config(String key, ConfigStats stats, long timestamp);
    }

    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final KeyValueStore<String, Long> published;
    private final ConfigFingerprint fingerprints = new ConfigFingerprint();

    PublishedConfigs(KeyValueStore<String, Long> published) {
        this.published = published;
    }

    /**
     * Writes the configurations of {@code configs} that differ from what {@code config-metrics} holds of
     * {@code model}, and a tombstone for each configuration it holds that {@code configs} no longer has.
     */
    void publish(String model, List<ConfigStats> configs, long timestamp, Sink sink) {
        Map<String, Long> before = new TreeMap<>(); // tombstones in key order
        try (KeyValueIterator<String, Long> held = published.prefixScan(ConfigMetricsKey.of(model, ""),
                PREFIX_SERIALIZER)) {
            held.forEachRemaining(entry -> before.put(entry.key, entry.value));
        }
        for (ConfigStats config : configs) {
            String key = ConfigMetricsKey.of(model, config.getConfigKey());
            long fingerprint = fingerprints.of(config);
            Long was = before.remove(key);
            if (was == null || was != fingerprint) {
                published.put(key, fingerprint);
                sink.config(key, config, timestamp);
            }
        }
        for (String gone : before.keySet()) {
            published.delete(gone);
            sink.config(gone, null, timestamp);
        }
    }
}
