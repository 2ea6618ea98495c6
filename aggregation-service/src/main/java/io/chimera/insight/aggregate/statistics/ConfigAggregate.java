package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.Metric;
import io.chimera.insight.events.RecordKind;
import java.util.Collections;
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
 */
public final class ConfigAggregate {

    private final SortedMap<String, String> config;
    private long runs;
    private long failedRuns;
    private long summaryRecords;
    private long firstSeen = Long.MAX_VALUE;
    private long lastSeen = Long.MIN_VALUE;
    private final SortedMap<MetricKey, StatsAccumulator> metrics = new TreeMap<>();

    private ConfigAggregate(Map<String, String> config) {
        this.config = new TreeMap<>(config);
    }

    public static ConfigAggregate empty(Map<String, String> config) {
        return new ConfigAggregate(config);
    }

    /** Rebuilds an aggregate from its parts, for the state codec. */
    public static ConfigAggregate restore(Map<String, String> config, long runs, long failedRuns, long summaryRecords,
                                   long firstSeen, long lastSeen, Map<MetricKey, StatsAccumulator> metrics) {
        ConfigAggregate restored = new ConfigAggregate(config);
        restored.runs = runs;
        restored.failedRuns = failedRuns;
        restored.summaryRecords = summaryRecords;
        restored.firstSeen = firstSeen;
        restored.lastSeen = lastSeen;
        restored.metrics.putAll(metrics);
        return restored;
    }

    public void add(BenchmarkRun run) {
        long ingestedAt = run.getIngestedAt().toEpochMilli();
        firstSeen = Math.min(firstSeen, ingestedAt);
        lastSeen = Math.max(lastSeen, ingestedAt);
        if (run.getKind() == RecordKind.SUMMARY) {
            summaryRecords++;
            return;
        }
        runs++;
        if (!run.getOk()) {
            failedRuns++;
            return;
        }
        for (Map.Entry<String, Metric> entry : run.getMetrics().entrySet()) {
            Metric metric = entry.getValue();
            MetricKey key = new MetricKey(entry.getKey(), metric.getUnit());
            metrics.computeIfAbsent(key, k -> StatsAccumulator.empty(k.unit())).add(metric.getValue());
        }
    }

    /** Folds {@code other} in; {@code other} is left untouched. */
    ConfigAggregate merge(ConfigAggregate other) {
        runs += other.runs;
        failedRuns += other.failedRuns;
        summaryRecords += other.summaryRecords;
        firstSeen = Math.min(firstSeen, other.firstSeen);
        lastSeen = Math.max(lastSeen, other.lastSeen);
        other.metrics.forEach((key, stats) -> metrics.merge(key, stats.copy(), StatsAccumulator::merge));
        return this;
    }

    /** An independent copy. */
    ConfigAggregate copy() {
        return empty(config).merge(this);
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
}
