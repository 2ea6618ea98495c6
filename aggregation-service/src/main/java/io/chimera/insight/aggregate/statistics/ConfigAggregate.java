package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.events.BenchmarkRun;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the records of one model under one configuration add up to: within one file (the unit
 * of state, so a replaced file can be dropped as a whole) or merged across files.
 *
 * <p>Runs are counted whether they succeeded or not; only successful runs feed the metric
 * statistics. Summary records (averages the rig computed itself) are counted apart and never
 * enter the statistics, since mixing a mean into a list of samples would distort both.
 *
 * <p>Successful runs that report a load duration also feed the cold/warm split: their headline
 * metrics and load duration again, per load bin ({@link LoadBins}, {@link #loadSplit()}).
 *
 * <p>An {@linkplain #entry entry} of the aggregation's store keeps the few values of each metric as they
 * are until there are more than {@value StatsAccumulator#VALUES_BEFORE_SKETCH}
 * ({@link StatsAccumulator#valuesFirst}): most entries hold one or two runs and are encoded on every one.
 * Aggregates merged from entries take their statistics as sketches (a model's), or in the form they come
 * in, values until there are too many ({@link #valuesFirst}: a model's configurations, most with few runs).
 */
public final class ConfigAggregate {

    private final SortedMap<String, String> config;
    private long runs;
    private long failedRuns;
    private long summaryRecords;
    private long firstSeen = Long.MAX_VALUE;
    private long lastSeen = Long.MIN_VALUE;
    private final SortedMap<MetricKey, StatsAccumulator> metrics = new TreeMap<>();
    private final SortedMap<LoadBinMetric, StatsAccumulator> loadSplit = new TreeMap<>();
    /**
     * The accumulators of {@link #metrics} and {@link #loadSplit} again, hashed: a run whose metrics
     * are not those of the run before looks up each of them (see {@link #metricSlots}), and a hash
     * lookup costs less than a walk down the sorted map comparing names. The sorted maps keep the
     * order the codec and the snapshots iterate in; both always hold the same accumulators. A model's
     * configuration ({@link #valuesFirst}) has no hashed maps: these are the sorted ones. It takes few runs,
     * whose keys are mostly those of the run before (found without a lookup), and is held for good, one per
     * configuration: the two maps' tables and nodes were about 700 bytes of each (docs/benchmarks.md,
     * "20,000 configurations").
     */
    private final Map<MetricKey, StatsAccumulator> metricsByKey;
    private final Map<LoadBinMetric, StatsAccumulator> splitByKey;
    /** See {@link #metricSlots}: the keys last asked for and their accumulators; likewise for cells. */
    private MetricKey[] slotKeys;
    private StatsAccumulator[] slots;
    /** The last run's cells and their accumulators, and those of every bin seen once a second one came ({@link CellSlots}). */
    private final CellSlots<StatsAccumulator[]> cellSlots = new CellSlots<>();

    /** Whether its statistics keep their first values as they are: an entry, or {@link #valuesFirst} (see the class comment). */
    private final boolean entry;
    /** Whether its statistics keep their mean and M2 ({@link #withoutMoments}). */
    private boolean momentsKept = true;
    /**
     * {@link #footprintBytes()}: the sum of its accumulators' footprints, kept up to date as each is made, takes a
     * value or merges, while it is in the processor's cache. Walking every accumulator of each configuration a
     * run changed at the next weighing of its running model (the sorted map's entries, each accumulator and its
     * sketch's stores, long out of the processor's cache by then) was about 3 % of the stream thread's samples
     * (docs/benchmarks.md, "branch agg12").
     */
    private long footprint;

    private ConfigAggregate(Map<String, String> config, boolean entry) {
        this(config, entry, true);
    }

    private ConfigAggregate(Map<String, String> config, boolean entry, boolean hashed) {
        this.config = new TreeMap<>(config);
        this.entry = entry;
        this.metricsByKey = hashed ? new HashMap<>() : metrics;
        this.splitByKey = hashed ? new HashMap<>() : loadSplit;
    }

    /** An aggregate with no records, its statistics in sketches: one merged from entries, or fed many runs. */
    public static ConfigAggregate empty(Map<String, String> config) {
        return new ConfigAggregate(config, false);
    }

    /** An entry of the aggregation's store with no records: its statistics keep their first values as they are. */
    public static ConfigAggregate entry(Map<String, String> config) {
        return new ConfigAggregate(config, true);
    }

    /**
     * An aggregate merged from entries whose statistics, like an entry's, keep their first values as they
     * are: a model's configuration in its running aggregate ({@code RunningModel}), which a sweep gives a
     * few runs each. Held for good, one per configuration, sketches made for one to three values were the
     * largest part of what a model of 20,000 configurations held (about 10 KiB a configuration of the 27 KiB
     * it weighed, docs/benchmarks.md), so its live heap, and the garbage collector's work, grew with them.
     * Every figure is the same as {@link #empty}'s ({@link StatsAccumulator#valuesFirst}).
     */
    static ConfigAggregate valuesFirst(Map<String, String> config) {
        return new ConfigAggregate(config, true, false);
    }

    /**
     * This aggregate, still empty, with statistics that keep no mean and M2 ({@link StatsAccumulator#withoutMoments}):
     * a running model's, whose emitted figures take the exact moments of its entries instead
     * ({@code RunningModel}); the values it takes then cost no Welford division each.
     *
     * @throws IllegalStateException when it already holds statistics
     */
    ConfigAggregate withoutMoments() {
        if (!metrics.isEmpty() || !loadSplit.isEmpty()) {
            throw new IllegalStateException("An aggregate with statistics cannot drop their moments");
        }
        momentsKept = false;
        return this;
    }

    /**
     * Rebuilds an {@linkplain #entry entry} from its parts, for the state codec; the statistics are taken
     * in whichever form they come (values or sketches), and the ones it gets later keep their first values.
     */
    public static ConfigAggregate restore(Map<String, String> config, long runs, long failedRuns, long summaryRecords,
                                   long firstSeen, long lastSeen, Map<MetricKey, StatsAccumulator> metrics,
                                   Map<LoadBinMetric, StatsAccumulator> loadSplit) {
        ConfigAggregate restored = new ConfigAggregate(config, true);
        restored.runs = runs;
        restored.failedRuns = failedRuns;
        restored.summaryRecords = summaryRecords;
        restored.firstSeen = firstSeen;
        restored.lastSeen = lastSeen;
        metrics.forEach((key, stats) -> restored.put(key, stats));
        loadSplit.forEach((key, stats) -> restored.put(key, stats));
        return restored;
    }

    /** Adds {@code run}, read afresh: for callers with a single aggregate to add it to. */
    public void add(BenchmarkRun run) {
        add(RunValues.of(run, new MetricKeys()));
    }

    /** Adds a run, read once for every aggregate it goes into ({@link RunValues}). */
    public void add(RunValues run) {
        firstSeen = Math.min(firstSeen, run.ingestedAt);
        lastSeen = Math.max(lastSeen, run.ingestedAt);
        if (run.summary) {
            summaryRecords++;
            return;
        }
        runs++;
        if (!run.ok) {
            failedRuns++;
            return;
        }
        add(metricSlots(run.metrics), run.metricValues);
        add(cellSlots(run.cells), run.cellValues);
    }

    private void add(StatsAccumulator[] stats, double[] values) {
        for (int i = 0; i < stats.length; i++) {
            long before = stats[i].footprintBytes();
            stats[i].add(values[i]);
            footprint += stats[i].footprintBytes() - before;
        }
    }

    /**
     * The accumulators of {@code keys}, in their order, created where missing. The last array asked
     * for is kept with its keys: runs of one rig report the same metrics, whose shared keys
     * ({@link MetricKeys}) are then the same objects, found again by comparing references. Valid for
     * good: an accumulator, once in this aggregate, is never replaced or removed.
     */
    StatsAccumulator[] metricSlots(MetricKey[] keys) {
        if (!RunValues.sameKeys(keys, slotKeys)) {
            StatsAccumulator[] found = new StatsAccumulator[keys.length];
            for (int i = 0; i < keys.length; i++) {
                found[i] = stats(keys[i]);
            }
            slotKeys = keys;
            slots = found;
        }
        return slots;
    }

    /**
     * {@link #metricSlots} for cells of the cold/warm split, kept per load bin ({@link CellSlots}): a
     * configuration's or a model's runs fall in different bins.
     */
    StatsAccumulator[] cellSlots(LoadBinMetric[] keys) {
        StatsAccumulator[] found = cellSlots.find(keys);
        if (found == null) {
            found = new StatsAccumulator[keys.length];
            for (int i = 0; i < keys.length; i++) {
                found[i] = stats(keys[i]);
            }
            cellSlots.put(keys, found);
        }
        return found;
    }

    /** Folds {@code other} in; {@code other} is left untouched. */
    ConfigAggregate merge(ConfigAggregate other) {
        runs += other.runs;
        failedRuns += other.failedRuns;
        summaryRecords += other.summaryRecords;
        firstSeen = Math.min(firstSeen, other.firstSeen);
        lastSeen = Math.max(lastSeen, other.lastSeen);
        other.metrics.forEach((key, stats) -> mergeInto(metricsByKey.get(key), key, stats));
        other.loadSplit.forEach((key, stats) -> mergeInto(splitByKey.get(key), key, stats));
        return this;
    }

    private void mergeInto(StatsAccumulator mine, MetricKey key, StatsAccumulator theirs) {
        if (mine == null) {
            put(key, copyOf(theirs));
        } else {
            merge(mine, theirs);
        }
    }

    private void mergeInto(StatsAccumulator mine, LoadBinMetric key, StatsAccumulator theirs) {
        if (mine == null) {
            put(key, copyOf(theirs));
        } else {
            merge(mine, theirs);
        }
    }

    private void merge(StatsAccumulator mine, StatsAccumulator theirs) {
        long before = mine.footprintBytes();
        mine.merge(theirs);
        footprint += mine.footprintBytes() - before;
    }

    /** An entry's (or {@link #valuesFirst}) statistics as they are; in any other aggregate, in a sketch (it takes more values). */
    private StatsAccumulator copyOf(StatsAccumulator theirs) {
        StatsAccumulator copy = entry ? theirs.copy() : theirs.sketchedCopy();
        return momentsKept ? copy : copy.withoutMoments();
    }

    private StatsAccumulator stats(MetricKey key) {
        StatsAccumulator stats = metricsByKey.get(key);
        return stats != null ? stats : put(key, newStats(key.unit()));
    }

    private StatsAccumulator stats(LoadBinMetric key) {
        StatsAccumulator stats = splitByKey.get(key);
        return stats != null ? stats : put(key, newStats(key.metric().unit()));
    }

    private StatsAccumulator newStats(String unit) {
        StatsAccumulator stats = entry ? StatsAccumulator.valuesFirst(unit) : StatsAccumulator.empty(unit);
        return momentsKept ? stats : stats.withoutMoments();
    }

    private StatsAccumulator put(MetricKey key, StatsAccumulator stats) {
        footprint += stats.footprintBytes();
        metrics.put(key, stats);
        if (metricsByKey != metrics) {
            metricsByKey.put(key, stats);
        }
        return stats;
    }

    private StatsAccumulator put(LoadBinMetric key, StatsAccumulator stats) {
        footprint += stats.footprintBytes();
        loadSplit.put(key, stats);
        if (splitByKey != loadSplit) {
            splitByKey.put(key, stats);
        }
        return stats;
    }

    /** An independent copy. */
    ConfigAggregate copy() {
        return empty(config).merge(this);
    }

    /**
     * About how many bytes its statistics hold in memory: the sum of its accumulators' {@link
     * StatsAccumulator#footprintBytes()}, kept as they change ({@link #footprint}), not walked.
     */
    long footprintBytes() {
        return footprint;
    }

    /** {@link #footprintBytes()} worked out by walking every accumulator: what it keeps, for tests. */
    long walkedFootprintBytes() {
        long bytes = 0;
        for (StatsAccumulator stats : metrics.values()) {
            bytes += stats.footprintBytes();
        }
        for (StatsAccumulator stats : loadSplit.values()) {
            bytes += stats.footprintBytes();
        }
        return bytes;
    }

    boolean hasRecords() {
        return runs > 0 || summaryRecords > 0;
    }

    public SortedMap<String, String> config() {
        return Collections.unmodifiableSortedMap(config);
    }

    String configKey() {
        return ConfigKeys.of(config);
    }

    public long runs() {
        return runs;
    }

    public long failedRuns() {
        return failedRuns;
    }

    public long summaryRecords() {
        return summaryRecords;
    }

    /** Ingest time of the earliest record; {@link Long#MAX_VALUE} when there is none. */
    public long firstSeen() {
        return firstSeen;
    }

    /** Ingest time of the latest record; {@link Long#MIN_VALUE} when there is none. */
    public long lastSeen() {
        return lastSeen;
    }

    public SortedMap<MetricKey, StatsAccumulator> metrics() {
        return Collections.unmodifiableSortedMap(metrics);
    }

    /** The headline metrics and the load duration of the runs that report a load duration, per load bin. */
    public SortedMap<LoadBinMetric, StatsAccumulator> loadSplit() {
        return Collections.unmodifiableSortedMap(loadSplit);
    }
}
