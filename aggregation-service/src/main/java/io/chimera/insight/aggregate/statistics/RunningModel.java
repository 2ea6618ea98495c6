package io.chimera.insight.aggregate.statistics;


import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One model's aggregate merged across its files, overall and per configuration, kept up to date
 * run by run, so that emitting the model's {@code ModelMetrics} no longer reads, decodes and merges
 * every (file, config) entry of the store with its sketches: it snapshots the configurations that
 * changed since the last emission (the others' snapshots are reused).
 *
 * <h2>What it holds, and what an emission costs</h2>
 * Per configuration and for the model: counts, first/last seen, and per metric (and per cell of the
 * cold/warm split) count, min, max, sketch (a configuration's first values as they are instead,
 * {@link ConfigAggregate#valuesFirst}) and the exact moments of its entries ({@link MomentTotals});
 * the sets of files. Nothing per (file, config) entry: the memory follows the configurations and
 * metrics, and the files only through the lists of files the records carry. Also the model record's
 * figures as the last emission made them (its metrics and cold-start split: one set per model), so that
 * the next one works out again only those of what took a value since; {@link #weight()} leaves them out.
 *
 * <p>An emission costs what changed since the last one, not what the model holds: runs put their
 * configuration in the sets an emission reads ({@code toSnapshot}, {@code toWeigh}, a few field writes
 * per run), so it snapshots, encodes and publishes those alone; a moved cold-start threshold
 * re-snapshots only the configurations with a load bin between its old and new value; the model
 * record's configuration count and digest and the model's weight are kept as sums. Still linear in
 * the model, named and measured (docs/benchmarks.md): the model's list of files, and a walk of every
 * configuration's bins when the threshold or the metric names moved.
 *
 * <p>Derived state, never the source of truth: {@link #of} builds it from the store's entries,
 * {@link #add} folds in a run the store has just taken, and whatever removes entries from the
 * store (a replaced file version, a sweep) discards it, so it is rebuilt from the store when next
 * needed (see {@link RunningAggregates}).
 *
 * <h2>The same bits however it was built</h2>
 * {@link ModelMetricsAssembler} gives byte-for-byte the same {@code ModelMetrics} from a model built
 * run by run as from one built from the store, which is how a query, a restarted task or another
 * instance builds it, because every figure is a function of the set of the store's entries alone:
 * <ul>
 *   <li>counts, first/last seen, min, max, the sets of files and the sketches do not depend on the
 *       order in which values arrive: integer sums, minima and maxima, and DDSketch bin counts
 *       (doubles holding integers far below 2<sup>53</sup>; a collapsing store folds its lowest
 *       bins by the highest index alone), so adding a run here equals merging the entry it went
 *       into;</li>
 *   <li>the mean and M2 are those of the union of the entries' own moments (each entry's count, mean
 *       and M2, the store's), worked out exactly and rounded once ({@link ExactMoments}): the sums
 *       behind them round nothing, so they do not depend on the order of the entries either, and a
 *       run that changes an entry takes the entry's moments before it out and puts those after it in
 *       ({@link #before}, {@link #add}). Until this class summed exactly, the model merged the
 *       entries' moments with Chan's formula, whose last bits depend on the order; so it kept every
 *       entry's moments (about 1 KiB an entry as objects) and replayed the merge in the store's key
 *       order at each emission.</li>
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
        /** The exact moments of this configuration's entries, per metric and split cell. */
        private final MomentTotals moments = new MomentTotals();
        private final SortedPaths paths = new SortedPaths();
        private String lastPath;
        private EntryKey first;
        private SortedMap<String, String> config;
        /**
         * The last snapshot made of this configuration until {@code config-metrics} holds it
         * ({@link #published}), then null: from then on its fingerprint stands for it, and whether it still
         * describes the configuration ({@link #current}) with the metric names and the cold-start threshold
         * it used. Kept for good, one per configuration, the records (a few KiB each, their sketches'
         * bytes) were a fifth of what a model of 20,000 configurations held (docs/benchmarks.md).
         */
        private ConfigStats snapshot;
        /** Whether the last snapshot made ({@link #remember}) still describes this configuration: no run since. */
        private boolean current;
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
        /** {@link #footprintBytes()} as last weighed; -1 once it changed since. */
        private long footprint = -1;

        private Config(String key, SortedMap<String, String> config) {
            this.key = key;
            // Its few values as they are (most configurations of a sweep have a few runs), not a sketch each.
            this.merged = ConfigAggregate.valuesFirst(config).withoutMoments();
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

        /** Counts, first/last seen and per metric count, min, max and sketch (no mean and M2: {@link #moments}'). */
        ConfigAggregate merged() {
            return merged;
        }

        /** The mean and M2 of each metric and split cell: those of its entries' moments together. */
        MomentTotals moments() {
            return moments;
        }

        private long footprintBytes() {
            return CONFIG_BYTES + merged.footprintBytes() + moments.footprintBytes()
                    + (long) paths.size() * CONFIG_PATH_BYTES;
        }

        /** The paths of the configuration's files, in order: a new list. */
        List<String> paths() {
            return paths.toList();
        }

        /**
         * Whether the snapshot last {@link #remember}ed holds: the configuration has not changed since, its
         * metrics are still named {@code names} and the model's cold-start threshold (which other
         * configurations' runs move) still puts its load bins on the same sides as when it was made
         * ({@link ColdStartSplit#sameSides}). Snapshots are deterministic, and depend on the threshold only
         * through those sides, so a new one would have the bytes of that one.
         */
        boolean snapshotHolds(Map<MetricKey, String> names, ColdStartSplit split) {
            if (!current || !names.equals(snapshotNames) || !split.sameSides(merged.loadSplit(), snapshotThresholdMs)) {
                return false;
            }
            // The same sides under the new threshold: the snapshot holds for it too, and the next emission
            // at this threshold need not look at the bins again.
            snapshotThresholdMs = split.thresholdMs();
            return true;
        }

        /** The snapshot last {@link #remember}ed while {@code config-metrics} does not hold it yet; else null. */
        ConfigStats heldSnapshot() {
            return snapshot;
        }

        void remember(ConfigStats stats, Map<MetricKey, String> names, double thresholdMs) {
            if (!counted) {
                counted = true;
                snapshotted++;
            }
            snapshot = stats;
            current = true;
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
            if (current) {
                current = false;
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
                // Mostly the configuration its statistics were made with: that map, not a copy of it, held for good.
                config = entry.config().equals(merged.config()) ? merged.config() : new TreeMap<>(entry.config());
            }
        }
    }

    /**
     * Rough bytes, for {@link #weight()}: what a configuration holds besides its statistics (its key,
     * configuration map and bookkeeping); a place in a configuration's set of files (a hash set's node and a list's slot;
     * the path itself is the model's); a file in the model's set (its place and its path).
     */
    private static final int CONFIG_BYTES = 400;
    private static final int CONFIG_PATH_BYTES = 56;
    private static final int MODEL_PATH_BYTES = 168;

    /** No mean and M2 in its statistics, nor in its configurations' ({@link StatsAccumulator#withoutMoments}): {@link #overallMoments}' are emitted. */
    private final ConfigAggregate overall = ConfigAggregate.empty(Map.of()).withoutMoments();
    /** The exact moments of all of the model's entries, per metric and split cell. */
    private final MomentTotals overallMoments = new MomentTotals();
    private final SortedPaths paths = new SortedPaths();
    private final SortedMap<String, Config> configs = new TreeMap<>();
    /**
     * The run {@link #before} took the entry's moments for, the entry, and those moments: count, mean
     * and M2 of each of the run's metrics, then of each of its cells.
     */
    private RunValues beforeRun;
    private ConfigAggregate beforeEntry;
    private long[] beforeCounts = new long[0];
    private double[] beforeMeans = new double[0];
    private double[] beforeM2s = new double[0];
    /** Reused by {@link #replace}: one entry's moments out and in, split once for both totals. */
    private final ExactMoments.Change change = new ExactMoments.Change();
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
    /**
     * The model record's figures as the last emission made them ({@link #recordFigures}): metrics under
     * {@link #recordNames}, the cold-start split at a threshold with the sides of {@link #recordThresholdMs}.
     */
    private Map<String, MetricStats> recordMetrics;
    private Map<MetricKey, String> recordNames;
    private ColdStart recordColdStart;
    private double recordThresholdMs;
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
     * Adds {@code run} to {@code entry}, the store's entry {@code key}, and folds it in here: what the
     * store does with {@link #before} and {@link #add}, for callers without a store.
     */
    void addToEntry(EntryKey key, String path, BenchmarkRun run, ConfigAggregate entry) {
        RunValues values = RunValues.of(run, new MetricKeys());
        before(values, entry);
        entry.add(values);
        add(key, path, values, entry);
    }

    /**
     * Takes the moments of {@code run}'s metrics and cells in {@code entry}, which the store is about to
     * add the run to: {@link #add} takes them out of the configuration's and the model's totals and puts
     * the entry's new ones in.
     */
    void before(RunValues run, ConfigAggregate entry) {
        beforeRun = run;
        beforeEntry = entry;
        if (run.metrics.length == 0 && run.cells.length == 0) {
            return;
        }
        int size = run.metrics.length + run.cells.length;
        if (beforeCounts.length < size) {
            beforeCounts = new long[size];
            beforeMeans = new double[size];
            beforeM2s = new double[size];
        }
        keepBefore(entry.metricSlots(run.metrics), 0);
        keepBefore(entry.cellSlots(run.cells), run.metrics.length);
    }

    private void keepBefore(StatsAccumulator[] stats, int offset) {
        for (int i = 0; i < stats.length; i++) {
            beforeCounts[offset + i] = stats[i].count();
            beforeMeans[offset + i] = stats[i].mean();
            beforeM2s[offset + i] = stats[i].m2();
        }
    }

    /**
     * Folds in a run ({@link RunValues}) that the store has just added to the entry {@code key}, now
     * {@code entry}, after {@link #before} took the entry's moments for it. Only the moments of the run's
     * own metrics and cells change: the others did not.
     *
     * @throws IllegalStateException when {@link #before} was not called for this run and entry
     */
    void add(EntryKey key, String path, RunValues run, ConfigAggregate entry) {
        if (run != beforeRun || entry != beforeEntry) {
            throw new IllegalStateException("The moments of entry " + key + " before its run were not taken");
        }
        beforeRun = null;
        beforeEntry = null;
        overall.add(run);
        addPath(path);
        Config config = config(key, entry);
        config.merged.add(run);
        config.offer(key, entry, path);
        if (run.metrics.length > 0) {
            replace(entry.metricSlots(run.metrics), config.moments.metricSlots(run.metrics),
                    overallMoments.metricSlots(run.metrics), 0);
        }
        if (run.cells.length > 0) {
            replace(entry.cellSlots(run.cells), config.moments.cellSlots(run.cells), overallMoments.cellSlots(run.cells),
                    run.metrics.length);
        }
    }

    /** The entry's moments before the run ({@link #before}) out of the totals, its moments now in. */
    private void replace(StatsAccumulator[] now, ExactMoments[] config, ExactMoments[] model, int offset) {
        for (int i = 0; i < now.length; i++) {
            long count = beforeCounts[offset + i];
            StatsAccumulator stats = now[i];
            if (stats.count() == count) {
                continue; // a value that was not finite: the accumulator left it out
            }
            change.clear()
                    .put(count, beforeMeans[offset + i], beforeM2s[offset + i], true)
                    .put(stats.count(), stats.mean(), stats.m2(), false)
                    .split();
            config[i].apply(change);
            model[i].apply(change);
        }
    }

    private void merge(EntryKey key, String path, ConfigAggregate entry) {
        overall.merge(entry);
        addPath(path);
        Config config = config(key, entry);
        config.merged.merge(entry);
        config.offer(key, entry, path);
        entry.metrics().forEach((metric, stats) -> addMoments(config, metric, stats));
        entry.loadSplit().forEach((cell, stats) -> addMoments(config, cell, stats));
    }

    private void addMoments(Config config, MomentKey key, StatsAccumulator stats) {
        config.moments.of(key).add(stats.count(), stats.mean(), stats.m2());
        overallMoments.of(key).add(stats.count(), stats.mean(), stats.m2());
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
        // Not computeIfAbsent: its lambda would capture the entry, an object per run for a configuration made once.
        Config config = configs.get(key.configKey());
        if (config == null) {
            config = new Config(key.configKey(), entry.config());
            configs.put(key.configKey(), config);
        }
        return config;
    }

    /** Runs, failed runs, summary records, first/last seen and per metric count, min, max and sketch. */
    ConfigAggregate overall() {
        return overall;
    }

    /** The mean and M2 of each metric and split cell over the whole model. */
    MomentTotals overallMoments() {
        return overallMoments;
    }

    /** Paths of the files with records of the model. */
    List<String> paths() {
        return paths.toList();
    }

    /** Configurations by configuration key. */
    SortedMap<String, Config> configs() {
        return Collections.unmodifiableSortedMap(configs);
    }

    /**
     * About how many bytes this takes: the statistics of every configuration and of the model, their
     * sketches as large as their bins make them ({@link StatsAccumulator#footprintBytes()}), their exact
     * moments ({@link ExactMoments#footprintBytes()}), and the sets of files. It once counted 3 KiB for every sketch (a sketch at 1% over two to
     * three orders of magnitude has 230 to 350 bins of 8 bytes), but most are far narrower: the cells of
     * the cold/warm split (a load bin's runs) and a configuration's metrics. That estimate put the
     * bench's 2,000-file corpus (20 models, 37 metrics and split cells, 18 configurations each) at 135
     * MiB, past the 128 MiB budget, and the emissions, which visit the models in turn, then rebuilt from
     * the store the model just dropped, one after the other. A function of what the model holds, not of
     * how it was built: a rebuilt model weighs the same.
     */
    long weight() {
        // Only the configurations that changed since the last weighing are weighed again: walking every
        // sketch of every configuration at each get was 6.7 % of the stream thread at 20,000 configurations.
        for (Config config : toWeigh) {
            config.footprint = config.footprintBytes();
            configsFootprint += config.footprint;
        }
        toWeigh.clear();
        return overall.footprintBytes() + overallMoments.footprintBytes()
                + (long) paths.size() * MODEL_PATH_BYTES + configsFootprint;
    }

    /**
     * Keeps the model record's figures as an emission made them, so that the next one reuses those of the
     * metrics and split cells no value came to since ({@link #recordMetrics}, {@link #recordColdStart}).
     * A busy model's metrics all change between two of its emissions, but its cold side seldom does.
     */
    void recordFigures(Map<String, MetricStats> metrics, Map<MetricKey, String> names, ColdStart coldStart,
                       double thresholdMs) {
        recordMetrics = metrics;
        recordNames = names;
        recordColdStart = coldStart;
        recordThresholdMs = thresholdMs;
    }

    /** The model's metrics as the last emission made them, if it did under {@code names}; else null. */
    Map<String, MetricStats> recordMetrics(Map<MetricKey, String> names) {
        return recordMetrics != null && names.equals(recordNames) ? recordMetrics : null;
    }

    /**
     * The cold-start figures of the last emission, if they and {@code split} are classified and put the
     * model's load bins on the same sides; else null.
     */
    ColdStart recordColdStart(ColdStartSplit split) {
        return recordColdStart != null && recordColdStart.getStatus() == ColdStartStatus.CLASSIFIED
                && split.classified() && split.sameSides(overall.loadSplit(), recordThresholdMs)
                ? recordColdStart : null;
    }

    /**
     * {@code names}, or the equal map the last emission used: the same object, so that checking each
     * configuration's snapshot against it ({@link Config#snapshotHolds}) is one comparison of references, not
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
            config.snapshot = null;
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
}
