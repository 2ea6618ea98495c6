package io.chimera.insight.aggregate.statistics;


import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a model's merged aggregate ({@link RunningModel}) into the {@code ModelMetrics} contract.
 * The one way it is done: the stream task's running aggregates, rebuilt or not, and interactive
 * queries over the store all come through here.
 */
public final class ModelMetricsAssembler {

    private ModelMetricsAssembler() {
    }

    /**
     * From the store's entries, read by {@code AggregateReader.files}.
     *
     * @param oldestPendingIngestAt ingest time of the oldest record not yet covered by a request, 0 if none
     * @param updatedAt             wall-clock time of the latest change
     */
    public static ModelMetrics assemble(String model, List<FileAggregate> files, ColdStartRule coldStart,
                                        long oldestPendingIngestAt, long updatedAt) {
        return assemble(model, RunningModel.of(files), coldStart, oldestPendingIngestAt, updatedAt);
    }

    /**
     * From a model's merged aggregate.
     *
     * @param coldStart             which runs are cold ({@link ColdStartSplit})
     * @param oldestPendingIngestAt ingest time of the oldest record not yet covered by a request, 0 if none
     * @param updatedAt             wall-clock time of the latest change
     */
    public static ModelMetrics assemble(String model, RunningModel running, ColdStartRule coldStart,
                                        long oldestPendingIngestAt, long updatedAt) {
        ConfigAggregate overall = running.overall();
        ColdStartSplit split = ColdStartSplit.of(coldStart, overall.loadSplit());
        double thresholdMs = split.thresholdMs();
        Map<MetricKey, String> names = running.sameNames(MetricNames.displayNames(overall.metrics().keySet()));
        // Only the configurations without a snapshot to reuse need their moments merged. A config seen
        // only in summary records has no runs to describe.
        Set<String> stale = new HashSet<>();
        running.configs().forEach((configKey, config) -> {
            if (config.merged().runs() > 0 && config.snapshot(names, thresholdMs).isEmpty()) {
                stale.add(configKey);
            }
        });
        RunningModel.Merged moments = running.mergeMoments(stale::contains);
        List<ConfigStats> configs = new ArrayList<>();
        running.configs().forEach((configKey, config) -> {
            if (config.merged().runs() > 0) {
                configs.add(config.snapshot(names, thresholdMs).orElseGet(() -> {
                    ConfigStats stats = toStats(configKey, config, moments.byConfig().get(configKey), names, split);
                    config.remember(stats, names, thresholdMs);
                    return stats;
                }));
            }
        });

        boolean any = overall.hasRecords();
        return ModelMetrics.newBuilder()
                .setModel(model)
                .setRuns(overall.runs())
                .setFailedRuns(overall.failedRuns())
                .setSummaryRecords(overall.summaryRecords())
                .setFirstSeen(Instant.ofEpochMilli(any ? overall.firstSeen() : 0))
                .setLastSeen(Instant.ofEpochMilli(any ? overall.lastSeen() : 0))
                .setOldestPendingIngestAt(Instant.ofEpochMilli(oldestPendingIngestAt))
                .setFiles(new ArrayList<>(running.paths()))
                .setMetrics(toStats(overall.metrics(), moments.overall(), names))
                .setConfigs(configs)
                .setConfigCount(configs.size())
                .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .setColdStart(split.toColdStart(overall, moments.overall()))
                .build();
    }

    private static ConfigStats toStats(String configKey, RunningModel.Config config, Map<MomentKey, Moments> moments,
                                       Map<MetricKey, String> names, ColdStartSplit split) {
        ConfigAggregate merged = config.merged();
        boolean classified = split.classified();
        return ConfigStats.newBuilder()
                .setConfigKey(configKey)
                .setConfig(new LinkedHashMap<>(config.config()))
                .setRuns(merged.runs())
                .setFailedRuns(merged.failedRuns())
                .setMetrics(toStats(merged.metrics(), moments, names))
                .setFirstSeen(Instant.ofEpochMilli(merged.firstSeen()))
                .setLastSeen(Instant.ofEpochMilli(merged.lastSeen()))
                .setFiles(new ArrayList<>(config.paths()))
                .setColdRuns(classified ? split.coldRuns(merged.loadSplit()) : 0)
                .setWarmMetrics(classified ? split.side(merged.loadSplit(), moments, false) : Map.of())
                .build();
    }

    /** Snapshots in display-name order, with the mean and M2 merged in the store's order. */
    private static Map<String, MetricStats> toStats(Map<MetricKey, StatsAccumulator> metrics,
                                                    Map<MomentKey, Moments> moments, Map<MetricKey, String> names) {
        Map<String, MetricStats> byName = new TreeMap<>();
        metrics.forEach((key, stats) -> byName.put(names.get(key), stats.toStats(moments.get(key))));
        return new LinkedHashMap<>(byName);
    }
}
