package io.chimera.insight.analysis.aggregate;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Merges a model's per-file, per-config aggregates into the {@code ModelMetrics} contract. */
final class ModelMetricsAssembler {

    private ModelMetricsAssembler() {
    }

    /**
     * @param oldestPendingIngestAt ingest time of the oldest record not yet covered by a request, 0 if none
     * @param updatedAt             wall-clock time of the latest change
     */
    static ModelMetrics assemble(String model, List<FileAggregate> files, long oldestPendingIngestAt, long updatedAt) {
        long runs = 0;
        long failedRuns = 0;
        long summaryRecords = 0;
        long firstSeen = Long.MAX_VALUE;
        long lastSeen = Long.MIN_VALUE;
        TreeSet<String> paths = new TreeSet<>();
        SortedMap<String, ConfigAggregate> byConfig = new TreeMap<>();
        SortedMap<String, TreeSet<String>> pathsByConfig = new TreeMap<>();
        SortedMap<MetricKey, StatsAccumulator> overall = new TreeMap<>();

        for (FileAggregate file : files) {
            for (ConfigAggregate config : file.configs()) {
                if (!config.hasRecords()) {
                    continue;
                }
                paths.add(file.version().path());
                runs += config.runs();
                failedRuns += config.failedRuns();
                summaryRecords += config.summaryRecords();
                firstSeen = Math.min(firstSeen, config.firstSeen());
                lastSeen = Math.max(lastSeen, config.lastSeen());
                byConfig.merge(config.configKey(), config.copy(), ConfigAggregate::merge);
                pathsByConfig.computeIfAbsent(config.configKey(), k -> new TreeSet<>()).add(file.version().path());
                config.metrics().forEach((key, stats) -> overall.merge(key, stats.copy(), StatsAccumulator::merge));
            }
        }

        Map<MetricKey, String> names = MetricNames.displayNames(overall.keySet());
        List<ConfigStats> configs = new ArrayList<>();
        byConfig.forEach((configKey, config) -> {
            // A config seen only in summary records has no runs to describe.
            if (config.runs() > 0) {
                configs.add(ConfigStats.newBuilder()
                        .setConfigKey(configKey)
                        .setConfig(new LinkedHashMap<>(config.config()))
                        .setRuns(config.runs())
                        .setFailedRuns(config.failedRuns())
                        .setMetrics(toStats(config.metrics(), names))
                        .setFirstSeen(Instant.ofEpochMilli(config.firstSeen()))
                        .setLastSeen(Instant.ofEpochMilli(config.lastSeen()))
                        .setFiles(new ArrayList<>(pathsByConfig.get(configKey)))
                        .build());
            }
        });

        boolean any = runs > 0 || summaryRecords > 0;
        return ModelMetrics.newBuilder()
                .setModel(model)
                .setRuns(runs)
                .setFailedRuns(failedRuns)
                .setSummaryRecords(summaryRecords)
                .setFirstSeen(Instant.ofEpochMilli(any ? firstSeen : 0))
                .setLastSeen(Instant.ofEpochMilli(any ? lastSeen : 0))
                .setOldestPendingIngestAt(Instant.ofEpochMilli(oldestPendingIngestAt))
                .setFiles(new ArrayList<>(paths))
                .setMetrics(toStats(overall, names))
                .setConfigs(configs)
                .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .build();
    }

    /** Snapshots in display-name order. */
    private static Map<String, MetricStats> toStats(Map<MetricKey, StatsAccumulator> metrics, Map<MetricKey, String> names) {
        Map<String, MetricStats> byName = new TreeMap<>();
        metrics.forEach((key, stats) -> byName.put(names.get(key), stats.toStats()));
        return new LinkedHashMap<>(byName);
    }
}
