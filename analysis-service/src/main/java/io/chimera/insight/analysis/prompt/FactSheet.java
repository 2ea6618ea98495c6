package io.chimera.insight.analysis.prompt;

import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.Better;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.platform.stats.BestConfig;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.ConfigComparison;
import io.chimera.insight.platform.stats.FigureFormat;
import io.chimera.insight.platform.stats.MeanInterval;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
    private static final String LOAD_MS = CanonicalMetric.LOAD_DURATION_MS.canonicalName();

    static final String CONFIGS_HEADING =
            "Configurations (runs, failed runs, mean " + TOKENS_PER_S + " with its 95% CI when there are "
                    + ConfigComparison.MIN_RUNS_FOR_BEST + " or more runs, mean " + TTFT_MS + "); those with "
                    + ConfigComparison.MIN_RUNS_FOR_BEST + " or more runs first, by the lower end of that CI, then"
                    + " single runs, fastest first:";
    static final String BEST_HEADING = "Best configurations (the only ones the facts call best; a configuration measured"
            + " by a single run is never best, however fast):";
    static final String OMISSION_NOTE =
            "Not every fact is listed, to fit the context window; the totals above count all of them. Left out"
                    + " first: configurations (the best, the fastest and the slowest are kept longest), then the"
                    + " levels of lower-ranked keys, then the levels between a key's highest and lowest, then interaction"
                    + " pairs, then keys, then recommendations.";

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
        FactFormat.appendNumber(out.append(", mean="), stats.getMean());
        FactFormat.appendNumber(out.append(", stddev="), stats.getStddev());
        FactFormat.appendNumber(out.append(", min="), stats.getMin());
        FactFormat.appendNumber(out.append(", p50="), stats.getP50());
        FactFormat.appendNumber(out.append(", p95="), stats.getP95());
        FactFormat.appendNumber(out.append(", p99="), stats.getP99());
        return FactFormat.appendNumber(out.append(", max="), stats.getMax()).toString();
    }

    /**
     * {@code - num_ctx=2048, temperature=0.7: runs=10, failed=0, tokens_per_s mean=85.2 (95% CI 80.1 to 90.3),
     * ttft_ms mean=120.5}; a configuration with one tokens/s value says "single run" instead of an interval.
     */
    static String configLine(ConfigStats config) {
        return configLine(config, settings(config));
    }

    /** {@link #configLine(ConfigStats)} with the configuration's {@link #settings} already written. */
    static String configLine(ConfigStats config, String settings) {
        StringBuilder out = new StringBuilder("- ").append(settings)
                .append(": runs=").append(config.getRuns())
                .append(", failed=").append(config.getFailedRuns());
        appendMean(out, config.getMetrics(), TOKENS_PER_S);
        if (ConfigRanking.meanTokensPerS(config).isPresent()) {
            Optional<MeanInterval> interval = ConfigRanking.tokensPerSInterval(config);
            if (interval.isPresent()) {
                appendCi(out.append(" ("), interval.get()).append(')');
            } else {
                out.append(" (single run)");
            }
        }
        appendMean(out, config.getMetrics(), TTFT_MS);
        return out.toString();
    }

    /** {@code 95% CI 80.1 to 90.3} */
    static String ci(MeanInterval interval) {
        return appendCi(new StringBuilder(), interval).toString();
    }

    /** Appends {@link #ci} to {@code out}. */
    private static StringBuilder appendCi(StringBuilder out, MeanInterval interval) {
        FactFormat.appendNumber(out.append("95% CI "), interval.low());
        return FactFormat.appendNumber(out.append(" to "), interval.high());
    }

    /**
     * The cold/warm split in one line: how many successful runs paid a model load, what a load cost,
     * and TTFT's median cold against warm; or that the aggregate cannot tell them apart.
     */
    static String coldStartLine(ModelMetrics metrics) {
        ColdStart cold = metrics.getColdStart();
        if (cold == null || cold.getStatus() == ColdStartStatus.NO_LOAD_DURATION) {
            return "Cold starts: no load durations: cold starts cannot be told, so TTFT figures may include"
                    + " model loads.";
        }
        long successful = metrics.getRuns() - metrics.getFailedRuns();
        StringBuilder out = new StringBuilder("Cold starts: ").append(cold.getColdRuns()).append(" of ")
                .append(successful).append(" successful runs were cold (paid a model load)");
        MetricStats load = cold.getCold().get(LOAD_MS);
        if (load != null && load.getCount() > 0) {
            out.append(", median load of a cold run ").append(FactFormat.number(load.getP50())).append(" ms");
        }
        if (cold.getUnclassifiedRuns() > 0) {
            out.append("; ").append(cold.getUnclassifiedRuns()).append(" report no load duration");
        }
        MetricStats coldTtft = cold.getCold().get(TTFT_MS);
        MetricStats warmTtft = cold.getWarm().get(TTFT_MS);
        if (coldTtft != null && warmTtft != null && coldTtft.getCount() > 0 && warmTtft.getCount() > 0) {
            out.append(". TTFT p50 ").append(FactFormat.number(coldTtft.getP50())).append(" ms cold (n=")
                    .append(coldTtft.getCount()).append(") against ").append(FactFormat.number(warmTtft.getP50()))
                    .append(" ms warm (n=").append(warmTtft.getCount()).append(")");
        }
        return out.append(". Per-parameter TTFT effects use warm runs only.").toString();
    }

    /**
     * The configuration to recommend for a metric, by the rule the report uses
     * ({@link ConfigComparison#bestReplicated}), or why none is named.
     */
    static String bestLine(ConfigComparison comparison, ComparedMetric metric) {
        String bound = metric.better() == Better.LOWER ? "lowest upper" : "highest lower";
        String rule = " (" + bound + " end of the 95% CI of the mean, among configurations with "
                + ConfigComparison.MIN_RUNS_FOR_BEST + " or more runs): ";
        Optional<BestConfig> best = comparison.bestReplicated(metric);
        if (best.isEmpty()) {
            return "- Best for " + metric.name() + rule + "none: no configuration has "
                    + ConfigComparison.MIN_RUNS_FOR_BEST + " or more runs of it.";
        }
        BestConfig winner = best.get();
        return "- Best for " + metric.name() + rule + settings(winner.config()) + ", mean="
                + FactFormat.number(winner.mean()) + " (n=" + winner.stats().getCount() + ", "
                + winner.interval().map(FactSheet::ci).orElse("no CI") + ")";
    }

    /**
     * The configuration as sorted {@code key=value} pairs; {@link FigureFormat#NO_CONFIGURATION} for runs
     * without one, as the report and the recommendations the prompt quotes name them.
     * Keys and values are file text, so free text among them is withheld (see {@link Labels}).
     */
    static String settings(ConfigStats config) {
        return settings(config.getConfig(), config.getConfigKey());
    }

    /** {@link #settings(ConfigStats)} of a configuration given as its map and key (a performance change's). */
    static String settings(Map<String, String> config, String configKey) {
        if (config.isEmpty()) {
            return configKey.isEmpty() ? FigureFormat.NO_CONFIGURATION : Labels.forPrompt(configKey);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> entry : new TreeMap<>(config).entrySet()) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(Labels.forPrompt(entry.getKey())).append('=').append(Labels.forPrompt(entry.getValue()));
        }
        return out.toString();
    }

    private static void appendMean(StringBuilder out, Map<String, MetricStats> metrics, String name) {
        MetricStats stats = metrics.get(name);
        if (stats != null && stats.getCount() > 0) {
            FactFormat.appendNumber(out.append(", ").append(name).append(" mean="), stats.getMean());
        }
    }
}
