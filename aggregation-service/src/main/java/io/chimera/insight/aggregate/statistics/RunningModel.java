package io.chimera.insight.aggregate.statistics;


import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One model's aggregate merged across its files, overall and per configuration, kept up to date
 * run by run, so that emitting the model's {@code ModelMetrics} no longer reads, decodes and merges
 * every (file, config) entry of the store with its sketches: it snapshots the configurations that
 * changed since the last emission (the others' snapshots are reused) and merges the entries'
 * moments (below).
 *
 * <h2>What an emission costs</h2>
 * What changed since the last emission, not what the model holds: runs put their configuration in
 * the sets an emission reads ({@code toSnapshot}, {@code toWeigh}, a few field writes per run), so it
 * snapshots, encodes and publishes those alone; a moved cold-start threshold re-snapshots only the
 * configurations with a load bin between its old and new value; the model record's configuration
 * count and digest and the model's weight are kept as sums. Still linear in the model, named and
 * measured (docs/benchmarks.md): the merge of every entry's moments for the model-level mean and M2
 * (below; a left fold in key order, which nothing cheaper reproduces bit for bit), the model's list of
 * files, and a walk of every configuration's bins when the threshold or the metric names moved.
 *
 * <p>Derived state, never the source of truth: {@link #of} builds it from the store's entries,
 * {@link #add} folds in a run the store has just taken, and whatever removes entries from the
 * store (a replaced file version, a sweep) discards it, so it is rebuilt from the store when next
 * needed (see {@link RunningAggregates}).
 *
 * <h2>The same bits however it was built</h2>
 * {@link ModelMetricsAssembler} gives byte-for-byte the same {@code ModelMetrics} from a model built
 * run by run as from one built from the store, which is how a query, a restarted task or another
 * instance builds it:
 * <ul>
 *   <li>counts, first/last seen, min, max, the sets of files and the sketches do not depend on the
 *       order in which values arrive: integer sums, minima and maxima, and DDSketch bin counts
 *       (doubles holding integers far below 2<sup>53</sup>; a collapsing store folds its lowest
 *       bins by the highest index alone), so adding a run here equals merging the entry it went
 *       into;</li>
 *   <li>the mean and M2 of a merge do depend on its order, in the last bits. They are therefore
 *       not kept merged: each (file, config) entry's count, mean and M2 per metric are kept (three
 *       numbers, no sketch) and merged with Chan's formula when the metrics are emitted, in the
 *       store's key order ({@link EntryKey}), the order a rebuild reads them in. That pass is
 *       linear in the model's entries, but it is a few floating-point operations per entry and
 *       metric, with no decoding, and the record it feeds lists each configuration's files anyway.
 *       The bits are those the assembler gave before this class existed.</li>
 * </ul>
 * Each entry's own moments are the store's (the same Welford updates over the same runs in the
 * same partition order), so 1 or N instances, and a rebuild after a restart, emit the same bits.
 *
 * <p>Not thread-safe: it belongs to one stream task.
 */
public final class RunningModel {

    /** One configuration of the model across its files. */
    final class Config {
        private final String key;
        private final ConfigAggregate merged;
        private final SortedSet<String> paths = new TreeSet<>();
        private String lastPath;
        private EntryKey first;
        private SortedMap<String, String> config;
        /**
         * The last snapshot made of this configuration, with the metric names and the cold-start
         * threshold it used; null once it changed.
         */
        private ConfigStats snapshot;
        private Map<MetricKey, String> snapshotNames;
        private double snapshotThresholdMs;
        /**
         * The fingerprint of what {@code config-metrics} was last known to hold of this configuration
         * ({@link #published}), counted in the model's {@link #configsDigest()} once {@link #inDigest}.
         */
        private long publishedFingerprint;
        private boolean inDigest;
        /** Whether this configuration is counted in {@link #snapshotted()}: it has had a snapshot. */
        private boolean counted;
        /** {@link ConfigAggregate#footprintBytes()} of {@link #merged} as last weighed; -1 once it changed since. */
        private long footprint = -1;

        private Config(String key, SortedMap<String, String> config) {
            this.key = key;
            this.merged = ConfigAggregate.empty(config);
            toSnapshot.put(key, this);
            toWeigh.add(this);
        }

        String key() {
            return key;
        }

        /**
         * The configuration as written in the lowest-keyed entry, as a rebuild takes it (two
         * configurations whose text forms collide share a key; the first file's wins).
         */
        SortedMap<String, String> config() {
            return config;
        }

        /** Counts, first/last seen and per metric count, min, max and sketch (its mean and M2 are not used). */
        ConfigAggregate merged() {
            return merged;
        }

        SortedSet<String> paths() {
            return Collections.unmodifiableSortedSet(paths);
        }

        /**
         * The snapshot {@link #remember}ed, if the configuration has not changed since, its metrics
         * are still named {@code names} and the model's cold-start threshold (which other
         * configurations' runs move) still puts its load bins on the same sides as when it was made
         * ({@link ColdStartSplit#sameSides}); else empty. Snapshots are deterministic, and depend on the
         * threshold only through those sides, so reusing one gives the bytes a new one would have.
         */
        Optional<ConfigStats> snapshot(Map<MetricKey, String> names, ColdStartSplit split) {
            if (snapshot == null || !names.equals(snapshotNames)
                    || !split.sameSides(merged.loadSplit(), snapshotThresholdMs)) {
                return Optional.empty();
            }
            // The same sides under the new threshold: the snapshot holds for it too, and the next emission
            // at this threshold need not look at the bins again.
            snapshotThresholdMs = split.thresholdMs();
            return Optional.of(snapshot);
        }

        void remember(ConfigStats stats, Map<MetricKey, String> names, double thresholdMs) {
            if (!counted) {
                counted = true;
                snapshotted++;
            }
            snapshot = stats;
            snapshotNames = names;
            snapshotThresholdMs = thresholdMs;
            toSnapshot.remove(key);
            toPublish.put(key, this);
        }

        /**
         * The bookkeeping an emission reads instead of visiting every configuration: this one joins
         * those to snapshot and to weigh again. Cheap per run: once a configuration is in both, until
         * the next emission, a run sets two fields.
         */
        private void offer(EntryKey key, ConfigAggregate entry, String path) {
            if (snapshot != null) {
                snapshot = null;
                toSnapshot.put(this.key, this);
                toPublish.remove(this.key);
            }
            if (footprint >= 0) {
                configsFootprint -= footprint;
                footprint = -1;
                toWeigh.add(this);
            }
            if (!path.equals(lastPath)) {
                // As the model's own set (addPath): most runs bring the path of the configuration's run before.
                paths.add(path);
                lastPath = path;
            }
            if (first == null || key.compareTo(first) < 0) {
                first = key;
                config = new TreeMap<>(entry.config());
            }
        }
    }

    /** Mean and M2 merged in the store's order: overall and per configuration key, per metric and per (load bin, metric). */
    record Merged(Map<MomentKey, Moments> overall, Map<String, Map<MomentKey, Moments>> byConfig) {
    }

    /**
     * The moments of one (file, config) entry: count, mean and M2 of metric {@code i} (by
     * {@link #metricIndex}) at {@code 3i}, {@code 3i+1}, {@code 3i+2}; zeros where it has none,
     * which merge as nothing. Flat doubles, because a model can have thousands of entries. A count
     * stays exact in a double up to 2<sup>53</sup>.
     */
    private static final class EntryMoments {
        private final String configKey;
        private double[] values = new double[0];

        private EntryMoments(String configKey) {
            this.configKey = configKey;
        }
    }

    /** Rough bytes per entry and per (entry, metric), for {@link #weight()}. */
    private static final int ENTRY_BYTES = 260;
    private static final int ENTRY_METRIC_BYTES = 24;

    private final ConfigAggregate overall = ConfigAggregate.empty(Map.of());
    private final SortedSet<String> paths = new TreeSet<>();
    private final SortedMap<String, Config> configs = new TreeMap<>();
    /**
     * A small number per metric (and per cell of the cold/warm split), so that an entry's moments are
     * an array and merging them is a plain loop.
     */
    private final Map<MomentKey, Integer> metricIndex = new HashMap<>();
    private final List<MomentKey> metricsByIndex = new ArrayList<>();
    private final NavigableMap<EntryKey, EntryMoments> entries = new TreeMap<>();
    private final KeyIndexes metricIndexes = new KeyIndexes();
    private final KeyIndexes cellIndexes = new KeyIndexes();
    /** The path {@link #addPath} added last. */
    private String lastPath;
    /** The metric names the last emission used (see {@link #sameNames}). */
    private Map<MetricKey, String> lastNames;
    /**
     * Whether an emission has compared every configuration of this model with {@code config-metrics}
     * (see {@link #unpublished}). False for a model just built, from the store or afresh.
     */
    private boolean publishedOnce;
    /**
     * The configurations an emission must snapshot again whatever the names and threshold, in key order:
     * new ones, and those a run changed since their last snapshot ({@link Config#offer}). The others' snapshots
     * still hold unless the metric names or the cold-start threshold moved ({@link #snapshotsToCheck}).
     */
    private final SortedMap<String, Config> toSnapshot = new TreeMap<>();
    /** Configurations whose snapshot {@code config-metrics} is not known to hold ({@link #unpublished}), by key. */
    private final SortedMap<String, Config> toPublish = new TreeMap<>();
    /** Configurations whose footprint changed since {@link #weight()} last weighed them. */
    private final List<Config> toWeigh = new ArrayList<>();
    /** The sum of the configurations' footprints as last weighed (those in {@link #toWeigh} not counted). */
    private long configsFootprint;
    /** Configurations that have had a snapshot. */
    private int snapshotted;
    /** The sum (mod 2^64) of the published fingerprints of the configurations ({@link #published}). */
    private long configsDigest;
    /** The names and threshold every snapshot was last checked against ({@link #snapshotsChecked}); null: none yet. */
    private Map<MetricKey, String> checkedNames;
    private double checkedThresholdMs;

    private RunningModel() {
    }

    /** A model with nothing yet. */
    static RunningModel empty() {
        return new RunningModel();
    }

    /** The model as the store holds it: {@code files} as {@code AggregateReader.files} reads them. */
    public static RunningModel of(List<FileAggregate> files) {
        RunningModel model = new RunningModel();
        for (FileAggregate file : files) {
            for (ConfigAggregate entry : file.configs()) {
                if (entry.hasRecords()) {
                    model.merge(new EntryKey(file.fileId(), entry.configKey()), file.version().path(), entry);
                }
            }
        }
        return model;
    }

    /**
     * Folds in {@code run}, which the store has just added to the entry {@code key}, now {@code entry}.
     */
    void add(EntryKey key, String path, BenchmarkRun run, ConfigAggregate entry) {
        add(key, path, RunValues.of(run, new MetricKeys()), entry);
    }

    /**
     * Folds in a run ({@link RunValues}) that the store has just added to the entry {@code key}, now
     * {@code entry}. Only the entry's moments of the run's own metrics and cells are copied: the others
     * did not change, and this model has held them as they are since it was built from the store (or
     * since the entry's first run, which created every metric the entry has).
     */
    void add(EntryKey key, String path, RunValues run, ConfigAggregate entry) {
        overall.add(run);
        addPath(path);
        Config config = config(key, entry);
        config.merged.add(run);
        config.offer(key, entry, path);
        EntryMoments moments = entryMoments(key);
        keepMoments(moments, metricIndexes.of(run.metrics), entry.metricSlots(run.metrics));
        keepMoments(moments, cellIndexes.of(run.cells), entry.cellSlots(run.cells));
    }

    private void merge(EntryKey key, String path, ConfigAggregate entry) {
        overall.merge(entry);
        addPath(path);
        Config config = config(key, entry);
        config.merged.merge(entry);
        config.offer(key, entry, path);
        EntryMoments moments = entryMoments(key);
        entry.metrics().forEach((metric, stats) -> keepMoments(moments, indexOf(metric), stats));
        entry.loadSplit().forEach((cell, stats) -> keepMoments(moments, indexOf(cell), stats));
    }

    /**
     * Adds a file's path to the model's set. A file's runs come one after the other, so most runs
     * bring the path the run before did, and comparing with it spares the walk down the sorted set.
     */
    private void addPath(String path) {
        if (!path.equals(lastPath)) {
            paths.add(path);
            lastPath = path;
        }
    }

    private Config config(EntryKey key, ConfigAggregate entry) {
        return configs.computeIfAbsent(key.configKey(), k -> new Config(k, entry.config()));
    }

    private EntryMoments entryMoments(EntryKey key) {
        return entries.computeIfAbsent(key, k -> new EntryMoments(k.configKey()));
    }

    private int indexOf(MomentKey key) {
        return metricIndex.computeIfAbsent(key, m -> {
            metricsByIndex.add(m);
            return metricsByIndex.size() - 1;
        });
    }

    /** Metrics are only ever added to an entry, so its moments are updated in place. */
    private void keepMoments(EntryMoments moments, int[] indexes, StatsAccumulator[] stats) {
        for (int i = 0; i < indexes.length; i++) {
            keepMoments(moments, indexes[i], stats[i]);
        }
    }

    private void keepMoments(EntryMoments moments, int index, StatsAccumulator stats) {
        if (3 * index >= moments.values.length) {
            moments.values = Arrays.copyOf(moments.values, 3 * metricsByIndex.size());
        }
        moments.values[3 * index] = stats.count();
        moments.values[3 * index + 1] = stats.mean();
        moments.values[3 * index + 2] = stats.m2();
    }

    /**
     * The indexes ({@link #metricIndex}) of the keys a run brings, kept for the keys last asked for:
     * the runs of one rig bring the same shared key objects ({@link MetricKeys}) again and again.
     */
    private final class KeyIndexes {
        private MomentKey[] keys;
        private int[] indexes;

        int[] of(MomentKey[] asked) {
            if (!RunValues.sameKeys(asked, keys)) {
                int[] found = new int[asked.length];
                for (int i = 0; i < asked.length; i++) {
                    found[i] = indexOf(asked[i]);
                }
                keys = asked;
                indexes = found;
            }
            return indexes;
        }
    }

    /** Runs, failed runs, summary records, first/last seen and per metric count, min, max and sketch. */
    ConfigAggregate overall() {
        return overall;
    }

    /** Paths of the files with records of the model. */
    SortedSet<String> paths() {
        return Collections.unmodifiableSortedSet(paths);
    }

    /** Configurations by configuration key. */
    SortedMap<String, Config> configs() {
        return Collections.unmodifiableSortedMap(configs);
    }

    /** Number of (file, config) entries. */
    int entries() {
        return entries.size();
    }

    /**
     * About how many bytes this takes: the entries (key, moments, place in the sets of files), and
     * the statistics of every configuration and of the model, their sketches as large as their bins
     * make them ({@link StatsAccumulator#footprintBytes()}). It once counted 3 KiB for every sketch (a
     * sketch at 1% over two to three orders of magnitude has 230 to 350 bins of 8 bytes), but most
     * are far narrower: the cells of the cold/warm split (a load bin's runs) and a configuration's
     * metrics. That estimate put the bench's 2,000-file corpus (20 models, 37 metrics and split cells,
     * 18 configurations each) at 135 MiB, past the 128 MiB budget, and the emissions, which visit the
     * models in turn, then rebuilt from the store the model just dropped, one after the other.
     */
    long weight() {
        // Only the configurations that changed since the last weighing are weighed again: walking every
        // sketch of every configuration at each get was 6.7 % of the stream thread at 20,000 configurations.
        for (Config config : toWeigh) {
            config.footprint = config.merged.footprintBytes();
            configsFootprint += config.footprint;
        }
        toWeigh.clear();
        long metrics = metricsByIndex.size();
        return entries.size() * (ENTRY_BYTES + ENTRY_METRIC_BYTES * metrics) + overall.footprintBytes() + configsFootprint;
    }

    /**
     * {@code names}, or the equal map the last emission used: the same object, so that checking each
     * configuration's snapshot against it ({@link Config#snapshot}) is one comparison of references, not
     * of two maps, per configuration.
     */
    Map<MetricKey, String> sameNames(Map<MetricKey, String> names) {
        if (!names.equals(lastNames)) {
            lastNames = names;
        }
        return lastNames;
    }

    /**
     * The snapshots {@code config-metrics} is not known to hold, in configuration key order: those made
     * since the last emission ({@link Config#remember}) and not yet {@link #published}. Lets an emission
     * encode and compare only the configurations that changed, so that its cost follows them, not the
     * model's size. In memory only, like the whole of this model: a restart or a rebuild starts without
     * it, and its first emission compares everything ({@link #publishedOnce}).
     */
    public List<ConfigStats> unpublished() {
        List<ConfigStats> unpublished = new ArrayList<>(toPublish.size());
        for (Config config : toPublish.values()) {
            unpublished.add(config.snapshot);
        }
        return unpublished;
    }

    /** {@code config-metrics} now holds {@code stats} (written or found equal), whose fingerprint is {@code fingerprint}. */
    public void published(ConfigStats stats, long fingerprint) {
        Config config = configs.get(stats.getConfigKey());
        if (config != null && config.snapshot == stats) {
            if (config.inDigest) {
                configsDigest -= config.publishedFingerprint;
            }
            toPublish.remove(config.key);
            config.publishedFingerprint = fingerprint;
            config.inDigest = true;
            configsDigest += fingerprint;
        }
    }

    /**
     * The fingerprint {@code config-metrics} holds of configuration {@code configKey}, as last
     * {@link #published} (written, or found equal in the store); null when this model has not published it
     * since it was built. Lets an emission compare a new snapshot with the store without reading it.
     */
    public Long publishedFingerprint(String configKey) {
        Config config = configs.get(configKey);
        return config != null && config.inDigest ? config.publishedFingerprint : null;
    }

    /**
     * The sum (mod 2<sup>64</sup>) of the fingerprints {@code config-metrics} holds of this model's
     * configurations, kept as they are {@link #published}: once an emission has published every configuration
     * with runs, the model record's {@code configsDigest}, without visiting them.
     */
    public long configsDigest() {
        return configsDigest;
    }

    /** How many configurations have had a snapshot: after an emission, those with runs, the record's {@code configCount}. */
    int snapshotted() {
        return snapshotted;
    }

    /**
     * The configurations whose snapshot an emission under {@code names} and the cold-start threshold
     * {@code thresholdMs} must check, in key order: all of them when either moved since the last
     * emission ({@link #snapshotsChecked}), else only those a run changed since. A copy: snapshotting
     * them changes what this model would return.
     */
    List<Config> snapshotsToCheck(Map<MetricKey, String> names, double thresholdMs) {
        boolean moved = checkedNames == null || names != checkedNames
                || Double.compare(thresholdMs, checkedThresholdMs) != 0;
        return new ArrayList<>(moved ? configs.values() : toSnapshot.values());
    }

    /** Every configuration with runs now has a snapshot that holds under {@code names} and {@code thresholdMs}. */
    void snapshotsChecked(Map<MetricKey, String> names, double thresholdMs) {
        checkedNames = names;
        checkedThresholdMs = thresholdMs;
    }

    /**
     * Whether an emission has compared every configuration of this model with {@code config-metrics}
     * since it was built. Until then, the topic may hold configurations this model no longer has (a
     * replaced file dropped them, and the model was rebuilt), which only a full comparison finds; after
     * it, configurations are only ever added (runs are, and removing entries discards the model).
     */
    public boolean publishedOnce() {
        return publishedOnce;
    }

    public void markPublishedOnce() {
        publishedOnce = true;
    }

    /**
     * Mean and M2 of every metric, merged entry by entry in the store's key order; per configuration
     * only for those {@code wanted} accepts (the others' snapshots are reused, and merging their
     * moments would make an emission's cost grow with the model's configurations). A configuration's
     * entries are merged in the same order either way.
     */
    Merged mergeMoments(Predicate<String> wanted) {
        int metrics = metricsByIndex.size();
        Moments[] all = emptyMoments(metrics);
        Map<String, Moments[]> byConfig = new HashMap<>();
        Moments[] config = null;
        String configKey = null;
        for (EntryMoments entry : entries.values()) {
            if (!entry.configKey.equals(configKey)) {
                configKey = entry.configKey;
                config = wanted.test(configKey) ? byConfig.computeIfAbsent(configKey, k -> emptyMoments(metrics)) : null;
            }
            double[] values = entry.values;
            for (int i = 0; 3 * i < values.length; i++) {
                long count = (long) values[3 * i];
                all[i].merge(count, values[3 * i + 1], values[3 * i + 2]);
                if (config != null) {
                    config[i].merge(count, values[3 * i + 1], values[3 * i + 2]);
                }
            }
        }
        Map<String, Map<MomentKey, Moments>> configMoments = new HashMap<>();
        byConfig.forEach((key, moments) -> configMoments.put(key, byMetricKey(moments)));
        return new Merged(byMetricKey(all), configMoments);
    }

    private static Moments[] emptyMoments(int metrics) {
        Moments[] moments = new Moments[metrics];
        for (int i = 0; i < metrics; i++) {
            moments[i] = new Moments();
        }
        return moments;
    }

    private Map<MomentKey, Moments> byMetricKey(Moments[] moments) {
        Map<MomentKey, Moments> byKey = new HashMap<>();
        for (int i = 0; i < moments.length; i++) {
            byKey.put(metricsByIndex.get(i), moments[i]);
        }
        return byKey;
    }
}
