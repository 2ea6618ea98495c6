package io.chimera.insight.analysis.prompt;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.CanonicalMetric;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes the facts of an aggregate as prompt lines. Only aggregate figures are written, never
 * source file contents or paths (those could carry text the model would treat as instructions);
 * names taken from files pass through {@link Labels}, and every number goes through
 * {@link FactFormat}.
 */
final class FactSheet {

    static final String METRICS_HEADING =
            "Metrics over all successful runs (n, mean, stddev, min, p50, p95, p99, max):";
    private static final String TOKENS_PER_S = CanonicalMetric.TOKENS_PER_S.canonicalName();
    private static final String TTFT_MS = CanonicalMetric.TTFT_MS.canonicalName();

    static final String CONFIGS_HEADING =
            "Configurations (runs, failed runs, mean " + TOKENS_PER_S + ", mean " + TTFT_MS + "), fastest first:";
    static final String OMISSION_NOTE =
            "Not every configuration or metric is listed, to fit the context window; the totals above"
                    + " count all of them. Kept: the fastest and slowest configurations by " + TOKENS_PER_S + ","
                    + " then those with the most runs.";

    private FactSheet() {
    }

    static String header(ModelMetrics metrics) {
        StringBuilder out = new StringBuilder()
                .append("Model: ").append(Labels.forPrompt(metrics.getModel())).append('\n')
                .append("Runs: ").append(metrics.getRuns())
                .append(" (failed: ").append(metrics.getFailedRuns())
                .append(", successful: ").append(metrics.getRuns() - metrics.getFailedRuns()).append(")\n")
                .append("Source files: ").append(metrics.getFiles().size()).append('\n')
                .append("Configurations: ").append(metrics.getConfigs().size());
        if (metrics.getSummaryRecords() > 0) {
            out.append('\n').append("Rig-written summary records (not counted as runs): ")
                    .append(metrics.getSummaryRecords());
        }
        return out.toString();
    }

    /** {@code - ttft_ms (ms): n=117, mean=120.5, stddev=4.1, min=…, p50=…, p95=…, p99=…, max=…} */
    static String metricLine(String name, MetricStats stats) {
        StringBuilder out = new StringBuilder("- ").append(name);
        if (!stats.getUnit().isEmpty()) {
            out.append(" (").append(stats.getUnit()).append(')');
        }
        out.append(": n=").append(stats.getCount());
        if (stats.getCount() == 0) {
            return out.append(", no successful runs").toString();
        }
        return out.append(", mean=").append(FactFormat.number(stats.getMean()))
                .append(", stddev=").append(FactFormat.number(stats.getStddev()))
                .append(", min=").append(FactFormat.number(stats.getMin()))
                .append(", p50=").append(FactFormat.number(stats.getP50()))
                .append(", p95=").append(FactFormat.number(stats.getP95()))
                .append(", p99=").append(FactFormat.number(stats.getP99()))
                .append(", max=").append(FactFormat.number(stats.getMax()))
                .toString();
    }

    /** {@code - num_ctx=2048, temperature=0.7: runs=10, failed=0, tokens_per_s mean=85.2, ttft_ms mean=120.5} */
    static String configLine(ConfigStats config) {
        StringBuilder out = new StringBuilder("- ").append(settings(config))
                .append(": runs=").append(config.getRuns())
                .append(", failed=").append(config.getFailedRuns());
        appendMean(out, config.getMetrics(), TOKENS_PER_S);
        appendMean(out, config.getMetrics(), TTFT_MS);
        return out.toString();
    }

    /**
     * The configuration as sorted {@code key=value} pairs; "(no configuration)" for runs without one.
     * Keys and values are file text, so free text among them is withheld (see {@link Labels}).
     */
    static String settings(ConfigStats config) {
        if (config.getConfig().isEmpty()) {
            return config.getConfigKey().isEmpty() ? "(no configuration)" : Labels.forPrompt(config.getConfigKey());
        }
        return new TreeMap<>(config.getConfig()).entrySet().stream()
                .map(entry -> Labels.forPrompt(entry.getKey()) + "=" + Labels.forPrompt(entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static void appendMean(StringBuilder out, Map<String, MetricStats> metrics, String name) {
        MetricStats stats = metrics.get(name);
        if (stats != null && stats.getCount() > 0) {
            out.append(", ").append(name).append(" mean=").append(FactFormat.number(stats.getMean()));
        }
    }
}
