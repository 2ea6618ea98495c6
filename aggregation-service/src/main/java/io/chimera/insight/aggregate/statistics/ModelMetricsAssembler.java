package io.chimera.insight.aggregate.statistics;


import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * From a model's merged aggregate, with every configuration: for queries, and for the first emission
     * of a model built afresh, which compares them all with {@code config-metrics}.
     *
     * @param coldStart             which runs are cold ({@link ColdStartSplit})
     * @param oldestPendingIngestAt ingest time of the oldest record not yet covered by a request, 0 if none
     * @param updatedAt             wall-clock time of the latest change
     */
    public static ModelMetrics assemble(String model, RunningModel running, ColdStartRule coldStart,
                                        long oldestPendingIngestAt, long updatedAt) {
        Refreshed refreshed = refresh(running, coldStart);
        List<ConfigStats> configs = new ArrayList<>();
        running.configs().forEach((configKey, config) -> {
            if (config.merged().runs() > 0) {
                // Every snapshot holds after the refresh; one config-metrics holds already is made again (the same bytes).
                ConfigStats held = config.heldSnapshot();
                configs.add(held != null ? held : toStats(configKey, config, refreshed.names(), refreshed.split()));
            }
        });
        return record(model, running, refreshed, configs, configs.size(), oldestPendingIngestAt, updatedAt);
    }

    /**
     * What a later emission of a model needs, at a cost that follows what changed since the last one,
     * not the model's size: the model record without its configurations ({@code configCount} counts
     * them), and the configurations' new snapshots, in key order, which {@code config-metrics} may not
     * hold yet ({@link RunningModel#unpublished}). The record is, field for field, the one
     * {@link #assemble(String, RunningModel, ColdStartRule, long, long)} makes, less its configurations.
     */
    public static Emission emission(String model, RunningModel running, ColdStartRule coldStart,
                                    long oldestPendingIngestAt, long updatedAt) {
        Refreshed refreshed = refresh(running, coldStart);
        return new Emission(record(model, running, refreshed, List.of(), running.snapshotted(), oldestPendingIngestAt,
                updatedAt), running.unpublished());
    }

    /**
     * A model record without its configurations, and the configuration snapshots to publish.
     *
     * @param metrics     the model record: {@code configs} empty, {@code configCount} set
     * @param unpublished snapshots {@code config-metrics} is not known to hold, in configuration key order
     */
    public record Emission(ModelMetrics metrics, List<ConfigStats> unpublished) {
    }

    /** The names and the split after {@link #refresh}. */
    private record Refreshed(Map<MetricKey, String> names, ColdStartSplit split) {
    }

    /**
     * Brings every configuration's snapshot up to date, snapshotting only those that need it: new or
     * changed by a run since their last one, or, when the metric names or the model's cold-start
     * threshold moved, those whose statistics that changes ({@link RunningModel#snapshotsToCheck}).
     * A config seen only in summary records has no runs to describe.
     */
    private static Refreshed refresh(RunningModel running, ColdStartRule coldStart) {
        ConfigAggregate overall = running.overall();
        ColdStartSplit split = ColdStartSplit.of(coldStart, overall.loadSplit());
        double thresholdMs = split.thresholdMs();
        Map<MetricKey, String> names = running.sameNames(MetricNames.displayNames(overall.metrics().keySet()));
        for (RunningModel.Config config : running.snapshotsToCheck(names, thresholdMs)) {
            if (config.merged().runs() > 0 && !config.snapshotHolds(names, split)) {
                config.remember(toStats(config.key(), config, names, split), names, thresholdMs);
            }
        }
        running.snapshotsChecked(names, thresholdMs);
        return new Refreshed(names, split);
    }

    private static ModelMetrics record(String model, RunningModel running, Refreshed refreshed, List<ConfigStats> configs,
                                       int configCount, long oldestPendingIngestAt, long updatedAt) {
        ConfigAggregate overall = running.overall();
        boolean any = overall.hasRecords();
        Map<MetricKey, String> names = refreshed.names();
        ColdStartSplit split = refreshed.split();
        // A busy model's figures change at every emission, but those of a metric or a side that took no
        // value since the last one are kept (RunningModel#recordFigures).
        Map<String, MetricStats> metrics = toStats(overall.metrics(), running.overallMoments(), names,
                running.recordMetrics(names));
        ColdStart coldStart = split.toColdStart(overall, running.overallMoments(), running.recordColdStart(split));
        running.recordFigures(metrics, names, coldStart, split.thresholdMs());
        return ModelMetrics.newBuilder()
                .setModel(model)
                .setRuns(overall.runs())
                .setFailedRuns(overall.failedRuns())
                .setSummaryRecords(overall.summaryRecords())
                .setFirstSeen(Instant.ofEpochMilli(any ? overall.firstSeen() : 0))
                .setLastSeen(Instant.ofEpochMilli(any ? overall.lastSeen() : 0))
                .setOldestPendingIngestAt(Instant.ofEpochMilli(oldestPendingIngestAt))
                .setFiles(running.paths())
                .setMetrics(metrics)
                .setConfigs(configs)
                .setConfigCount(configCount)
                .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .setColdStart(coldStart)
                .build();
    }

    private static ConfigStats toStats(String configKey, RunningModel.Config config, Map<MetricKey, String> names,
                                       ColdStartSplit split) {
        ConfigAggregate merged = config.merged();
        MomentTotals moments = config.moments();
        Map<MetricKey, MetricStats> figures = figures(merged.metrics(), moments, names, null);
        // A metric all of whose values are warm has the warm side's values: its figures with the warm cells'
        // moments, where the cells were merged and their percentiles and sketch worked out again.
        ColdStartSplit.ConfigSides sides = split.classified()
                ? split.configSides(merged.loadSplit(), moments, figures)
                : new ColdStartSplit.ConfigSides(0, Map.of());
        // The all-fields constructor, in the schema's field order, as StatsAccumulator#toStats makes a MetricStats:
        // a builder made two arrays, validated each field and checked its flags again in build(), per snapshot.
        return new ConfigStats(configKey, new LinkedHashMap<>(config.config()), merged.runs(), merged.failedRuns(),
                byName(figures, names), Instant.ofEpochMilli(merged.firstSeen()),
                Instant.ofEpochMilli(merged.lastSeen()), config.paths(), sides.coldRuns(), sides.warm());
    }

    /**
     * Snapshots in display-name order, with the mean and M2 of the entries' moments together.
     *
     * @param previous the same figures as an earlier emission made them under the same {@code names}, or
     *                 null: a metric that counts as many values as it did there is unchanged since (values
     *                 are only ever added to a running model), so its figures there are taken as they are
     */
    private static Map<String, MetricStats> toStats(Map<MetricKey, StatsAccumulator> metrics, MomentTotals moments,
                                                    Map<MetricKey, String> names, Map<String, MetricStats> previous) {
        return byName(figures(metrics, moments, names, previous), names);
    }

    /** Each metric's figures, by key; {@code previous} as in {@link #toStats}. */
    private static Map<MetricKey, MetricStats> figures(Map<MetricKey, StatsAccumulator> metrics, MomentTotals moments,
                                                       Map<MetricKey, String> names, Map<String, MetricStats> previous) {
        Map<MetricKey, MetricStats> byKey = new HashMap<>();
        metrics.forEach((key, stats) -> {
            MetricStats before = previous == null ? null : previous.get(names.get(key));
            byKey.put(key, before != null && before.getCount() == stats.count()
                    ? before
                    : stats.toStats(moments.moments(key)));
        });
        return byKey;
    }

    /** {@code byKey}'s figures in display-name order. */
    private static Map<String, MetricStats> byName(Map<MetricKey, MetricStats> byKey, Map<MetricKey, String> names) {
        Map<String, MetricStats> byName = new TreeMap<>();
        byKey.forEach((key, stats) -> byName.put(names.get(key), stats));
        return new LinkedHashMap<>(byName);
    }
}
