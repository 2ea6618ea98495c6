package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.statistics.RunningModel;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.platform.topics.ConfigFingerprint;
import io.chimera.insight.platform.topics.ConfigMetricsKey;
import io.chimera.insight.schemas.serde.AvroBodyEncoder;
import io.chimera.insight.schemas.serde.Encoded;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What {@code config-metrics} holds of each model, so that an emission writes only the configurations
 * that changed, and a tombstone for each configuration that lost all its runs (a replaced file): the
 * store {@link AggregationTopology#PUBLISHED_CONFIGS_STORE} maps each published record's key to the
 * {@link ConfigFingerprint} of what it holds, and the key of a config named NUL (which no config key
 * can be) to when the model's records were last written. The store is changelogged and written in the emission's
 * transaction, so after a restart or a move of the task it still says what the topic holds.
 *
 * <p>A configuration's statistics also change when nothing of its own did: its cold runs follow the
 * model's cold-start threshold, its metric names the model's metric set. Comparing what would be
 * written with what was written covers that too.
 *
 * <p><b>Each configuration is encoded once.</b> Its fingerprint is taken of its Avro encoding, the body of
 * the record the sink writes; the encoding goes to the sink with it ({@link Encoded}), which writes those
 * bytes instead of encoding the configuration again.
 *
 * <p><b>The store is read for what is not known.</b> The store is the truth, and the first emission of a
 * model built afresh reads all it holds of the model ({@link #publishAll}). After that the running model
 * knows what the store holds of each configuration it published ({@link RunningModel#publishedFingerprint}),
 * and this instance when the model's records were last written, so a later emission reads nothing of the
 * store, not even for configurations new since, which it cannot hold ({@link #publishChanged}), and writes
 * only what changed. Both memories are
 * derived from the store and written with it in the same emission, and both are dropped with the
 * processor (a restart, a revived task), so they cannot disagree with it.
 */
final class PublishedConfigs {

    /** Where a record goes: the value is null for a tombstone. */
    interface Sink {
        void config(String key, Encoded<ConfigStats> stats, long timestamp);
    }

    /**
     * What an emission tells the model record.
     *
     * @param digest    the sum (mod 2^64) of the fingerprints of the model's configurations: {@code configsDigest}
     * @param writtenAt when the model's config records were last written (this emission's time if it wrote
     *                  any): {@code configsAt}, the timestamp of the newest of them
     */
    record Published(long digest, long writtenAt) {
    }

    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();
    /** Config key of the entry holding when the model's records were last written: no config key holds a NUL. */
    private static final String LAST_WRITE = String.valueOf(ConfigMetricsKey.SEPARATOR);

    private final KeyValueStore<String, Long> published;
    private final ConfigFingerprint fingerprints = new ConfigFingerprint();
    private final AvroBodyEncoder<ConfigStats> bodies = AvroBodyEncoder.of(ConfigStats.class);
    /** Per model, when its records were last written (0: never), as the store says: known from its first emission on. */
    private final Map<String, Long> lastWrites = new HashMap<>();

    PublishedConfigs(KeyValueStore<String, Long> published) {
        this.published = published;
    }

    /**
     * Writes the configurations of {@code configs} that differ from what {@code config-metrics} holds of
     * {@code model}, and a tombstone for each configuration it holds that the model no longer has.
     *
     * <p>{@code running} is the model {@code configs} were assembled from. The first emission of a model
     * built afresh (after a restart, a rebuild from the store, a replaced file) compares every
     * configuration with the store: {@code configs} must then be all of them
     * ({@code ModelMetricsAssembler.assemble}). Later ones compare only the snapshots made since the last
     * emission: {@code configs} is then {@link RunningModel#unpublished} ({@code ModelMetricsAssembler.emission}).
     * The others are, object for object, what this instance last wrote or found in the store, and no
     * configuration can go (removing entries discards the running model); the digest of them all is
     * kept by the running model as they are published ({@link RunningModel#configsDigest}). So an emission's
     * cost follows the configurations that changed, not the model's; correctness does not depend on this
     * memory, which a restart forgets: the store stays the truth.
     *
     * @return the digest of the model's configurations and when its records were last written, for the model record
     */
    Published publish(String model, RunningModel running, List<ConfigStats> configs, long timestamp, Sink sink) {
        String lastWriteKey = ConfigMetricsKey.of(model, LAST_WRITE);
        Published result;
        if (running.publishedOnce()) {
            result = publishChanged(model, running, configs, timestamp, sink, lastWriteKey);
        } else {
            result = publishAll(model, running, configs, timestamp, sink, lastWriteKey);
            running.markPublishedOnce();
        }
        return result;
    }

    /** Compares every configuration with the store, which may also hold configurations that are gone. */
    private Published publishAll(String model, RunningModel running, List<ConfigStats> configs, long timestamp,
                                 Sink sink, String lastWriteKey) {
        Map<String, Long> before = new TreeMap<>(); // tombstones in key order
        try (KeyValueIterator<String, Long> held = published.prefixScan(ConfigMetricsKey.of(model, ""),
                PREFIX_SERIALIZER)) {
            held.forEachRemaining(entry -> before.put(entry.key, entry.value));
        }
        Long lastWrite = before.remove(lastWriteKey);
        boolean wrote = false;
        long digest = 0;
        for (ConfigStats config : configs) {
            String key = ConfigMetricsKey.of(model, config.getConfigKey());
            Encoded<ConfigStats> encoded = bodies.encode(config);
            long fingerprint = fingerprints.of(encoded);
            digest += fingerprint;
            wrote |= write(key, encoded, fingerprint, before.remove(key), timestamp, sink);
            running.published(config, fingerprint);
        }
        for (String gone : before.keySet()) {
            published.delete(gone);
            sink.config(gone, null, timestamp);
            wrote = true;
        }
        return finish(model, lastWriteKey, wrote, lastWrite == null ? 0 : lastWrite, digest, timestamp);
    }

    /**
     * Compares only {@code unpublished}, the snapshots made since the last emission, with what the store
     * holds, as the running model knows it ({@link RunningModel#publishedFingerprint}), without reading the
     * store: the model's first emission ({@link #publishAll}) left the store holding exactly the
     * configurations the model published (it removed every other one), and only this instance writes the
     * store, so a configuration the model has not published, new since, is not in it. At 3 runs a
     * configuration every configuration of a sweep is new in some emission, and that read (a miss of the
     * record cache, then of RocksDB) was one per configuration (docs/benchmarks.md, scale10).
     */
    private Published publishChanged(String model, RunningModel running, List<ConfigStats> unpublished, long timestamp,
                                     Sink sink, String lastWriteKey) {
        boolean wrote = false;
        for (ConfigStats config : unpublished) {
            String key = ConfigMetricsKey.of(model, config.getConfigKey());
            Encoded<ConfigStats> encoded = bodies.encode(config);
            long fingerprint = fingerprints.of(encoded);
            wrote |= write(key, encoded, fingerprint, running.publishedFingerprint(config.getConfigKey()), timestamp,
                    sink);
            running.published(config, fingerprint);
        }
        // Known since the model's first emission by this instance; read from the store should it not be.
        long lastWrite = wrote ? timestamp : lastWrites.computeIfAbsent(model, m -> storedTime(lastWriteKey));
        return finish(model, lastWriteKey, wrote, lastWrite, running.configsDigest(), timestamp);
    }

    /** Writes {@code config} unless the store holds it already ({@code was} is its fingerprint there). */
    private boolean write(String key, Encoded<ConfigStats> config, long fingerprint, Long was, long timestamp, Sink sink) {
        if (was != null && was == fingerprint) {
            return false;
        }
        published.put(key, fingerprint);
        sink.config(key, config, timestamp);
        return true;
    }

    private long storedTime(String lastWriteKey) {
        Long stored = published.get(lastWriteKey);
        return stored == null ? 0 : stored;
    }

    private Published finish(String model, String lastWriteKey, boolean wrote, long lastWrite, long digest, long timestamp) {
        long writtenAt = wrote ? timestamp : lastWrite;
        if (wrote) {
            published.put(lastWriteKey, timestamp);
        }
        lastWrites.put(model, writtenAt);
        return new Published(digest, writtenAt);
    }
}
