package io.chimera.insight.report.render;

import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.ConfigComparison;
import io.chimera.insight.platform.stats.ConfigDelta;
import io.chimera.insight.platform.stats.MeanInterval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The full per-configuration table beside the report, {@code configs.csv}: one row per configuration
 * (in the aggregate's order, by config key) with its key, each parameter in a column of its own, its
 * runs, and per headline metric n, mean, median, standard deviation and 95 % interval of the mean,
 * warm TTFT where the aggregate tells cold from warm, the report's rank, and the difference from the
 * baseline with its Welch p-value. The Markdown shows the top rows of it; this file is what a
 * spreadsheet or a script reads.
 *
 * <p>RFC 4180 (comma, CRLF, quotes where needed, by commons-csv). Numbers are exact: each double as
 * Java writes it, the shortest text that reads back to the same value; an empty cell is "no value"
 * (not measured, not ranked, not tested). A parameter whose name is one of the fixed columns is
 * written {@code config:<name>}.
 */
public final class ConfigsCsvRenderer {

    /** The file's name in the model's report folder. */
    public static final String FILE = "configs.csv";

    private static final String WARM_TTFT = ComparedMetric.TTFT_MS.name() + "_warm";

    private ConfigsCsvRenderer() {
    }

    /** Whether the report has a configs.csv: whenever the aggregate has a configuration. */
    public static boolean writtenFor(ModelMetrics metrics) {
        return !metrics.getConfigs().isEmpty();
    }

    /** The table; empty when the aggregate has no configuration. */
    public static Optional<String> render(ModelMetrics metrics) {
        if (!writtenFor(metrics)) {
            return Optional.empty();
        }
        ConfigComparison comparison = ConfigComparison.of(metrics);
        String baseline = comparison.baseline().map(ConfigStats::getConfigKey).orElse(null);
        Map<String, Map<ComparedMetric, ConfigDelta>> deltas = new HashMap<>();
        comparison.deltas().forEach(d -> deltas.computeIfAbsent(d.otherConfigKey(), k -> new HashMap<>()).put(d.metric(), d));
        List<ComparedMetric> headline = List.of(ComparedMetric.TOKENS_PER_S, ComparedMetric.TTFT_MS);
        Map<ComparedMetric, Map<String, Integer>> places = new HashMap<>();
        headline.forEach(metric -> places.put(metric, ConfigRanking.of(metrics, metric).places()));
        ColdStart cold = metrics.getColdStart();
        boolean classified = cold != null && cold.getStatus() == ColdStartStatus.CLASSIFIED;

        List<String> fixed = fixedColumns(headline);
        SortedSet<String> parameters = new TreeSet<>();
        metrics.getConfigs().forEach(config -> parameters.addAll(config.getConfig().keySet()));
        List<String> header = new ArrayList<>();
        header.add(fixed.get(0));
        parameters.forEach(p -> header.add(fixed.contains(p) ? "config:" + p : p));
        header.addAll(fixed.subList(1, fixed.size()));

        StringBuilder out = new StringBuilder(256 * (metrics.getConfigs().size() + 1));
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            csv.printRecord(header);
            for (ConfigStats config : metrics.getConfigs()) {
                List<Object> row = new ArrayList<>(header.size());
                row.add(config.getConfigKey());
                parameters.forEach(p -> row.add(config.getConfig().get(p)));
                row.add(config.getConfigKey().equals(baseline));
                row.add(config.getRuns());
                row.add(config.getFailedRuns());
                row.add(classified ? config.getColdRuns() : null);
                for (ComparedMetric metric : headline) {
                    MetricStats stats = measured(config.getMetrics().get(metric.name()));
                    row.add(places.get(metric).get(config.getConfigKey()));
                    statistics(row, stats);
                    ConfigDelta delta = deltas.getOrDefault(config.getConfigKey(), Map.of()).get(metric);
                    row.add(delta == null ? null : delta.difference());
                    row.add(delta == null ? null : delta.relativeDifference());
                    row.add(delta == null ? null : delta.pValue());
                    row.add(delta == null || delta.pValue() == null ? null : delta.significant());
                }
                statistics(row, classified ? measured(config.getWarmMetrics().get(ComparedMetric.TTFT_MS.name())) : null);
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
        return Optional.of(out.toString());
    }

    /** Every column but the parameters, which come after the first (config_key). */
    private static List<String> fixedColumns(List<ComparedMetric> headline) {
        List<String> columns = new ArrayList<>(List.of("config_key", "baseline", "runs", "failed_runs", "cold_runs"));
        for (ComparedMetric metric : headline) {
            columns.add(metric.name() + "_rank");
            statisticsColumns(columns, metric.name());
            columns.add(metric.name() + "_diff_vs_baseline");
            columns.add(metric.name() + "_relative_diff_vs_baseline");
            columns.add(metric.name() + "_welch_p_vs_baseline");
            columns.add(metric.name() + "_significant_vs_baseline");
        }
        statisticsColumns(columns, WARM_TTFT);
        return List.copyOf(columns);
    }

    private static void statisticsColumns(List<String> columns, String prefix) {
        for (String column : List.of("n", "mean", "median", "stddev", "ci_low", "ci_high")) {
            columns.add(prefix + "_" + column);
        }
    }

    /** n, mean, median, stddev and the 95 % interval (Student's t; none below 2 values), or empty cells. */
    private static void statistics(List<Object> row, MetricStats stats) {
        if (stats == null) {
            for (int i = 0; i < 6; i++) {
                row.add(null);
            }
            return;
        }
        Optional<MeanInterval> interval = MeanInterval.of(stats.getCount(), stats.getMean(),
                stats.getStddev() * stats.getStddev());
        row.add(stats.getCount());
        row.add(stats.getMean());
        row.add(stats.getP50());
        row.add(stats.getStddev());
        row.add(interval.map(MeanInterval::low).orElse(null));
        row.add(interval.map(MeanInterval::high).orElse(null));
    }

    private static MetricStats measured(MetricStats stats) {
        return stats == null || stats.getCount() == 0 ? null : stats;
    }
}
