package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.Figures.format;
import static io.chimera.insight.report.render.MarkdownText.cell;
import static io.chimera.insight.report.render.MarkdownText.inline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.platform.stats.BestConfig;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.ConfigComparison;
import io.chimera.insight.platform.stats.ConfigDelta;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every configuration's headline figures, the best one per headline metric, and each one's
 * difference from the baseline with its Welch p-value ({@link ConfigComparison}).
 */
final class ComparisonSection implements ReportSection {

    private static final String TOKENS_PER_S = CanonicalMetric.TOKENS_PER_S.canonicalName();
    private static final String TTFT_MS = CanonicalMetric.TTFT_MS.canonicalName();

    @Override
    public void markdown(StringBuilder md, ReportInput input) {
        ModelMetrics metrics = input.metrics();
        List<ConfigStats> configs = metrics.getConfigs();
        if (configs.isEmpty() || (configs.size() == 1 && configs.get(0).getConfigKey().isEmpty())) {
            return;
        }
        md.append("## Configuration comparison\n\n");
        configTable(md, configs);
        ConfigComparison comparison = ConfigComparison.of(metrics);
        Headlines.appendBest(md, "Best for throughput", metrics, ComparedMetric.TOKENS_PER_S);
        Headlines.appendBest(md, "Best for time to first token", metrics, ComparedMetric.TTFT_MS);
        Optional<ConfigStats> baseline = comparison.baseline();
        List<ConfigDelta> deltas = comparison.deltas();
        if (baseline.isEmpty() || deltas.isEmpty()) {
            md.append('\n');
            return;
        }
        md.append("- Baseline: ").append(inline(Headlines.configLabel(baseline.get()))).append(" (")
                .append(baseline.get().getConfigKey().isEmpty()
                        ? "the runs without configuration"
                        : "the configuration with the most successful runs; no run was without configuration")
                .append(")\n\n");
        md.append("Differences from the baseline, by Welch's two-sided t-test; significant when p < ")
                .append(format(ConfigComparison.SIGNIFICANCE_LEVEL))
                .append(" (not corrected for comparing many configurations):\n\n");
        md.append("| config | metric | n | mean | baseline mean | difference | change | p-value | significant |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        boolean untested = false;
        for (ConfigDelta delta : deltas) {
            untested |= delta.pValue() == null;
            md.append("| ").append(cell(Headlines.configLabel(delta.otherConfigKey())))
                    .append(" | ").append(metricLabel(delta.metric()))
                    .append(" | ").append(delta.otherCount())
                    .append(" | ").append(format(delta.otherMean()))
                    .append(" | ").append(format(delta.baselineMean()))
                    .append(" | ").append(signed(delta.difference())).append(' ').append(cell(delta.unit()))
                    .append(" | ").append(delta.relativeDifference() == null ? "–"
                            : signed(delta.relativeDifference() * 100) + " %")
                    .append(" | ").append(pValue(delta.pValue()))
                    .append(" | ").append(significance(delta)).append(" |\n");
        }
        md.append('\n');
        if (untested) {
            md.append("Not tested: fewer than 2 successful runs on one side, or no variation on either.\n\n");
        }
    }

    /** The baseline, the best configuration per headline metric and every difference, Welch p-values included. */
    @Override
    public void json(ObjectNode fields, ReportInput input) {
        ModelMetrics metrics = input.metrics();
        ConfigComparison comparison = ConfigComparison.of(metrics);
        ObjectNode node = fields.putObject("comparison");
        comparison.baseline().ifPresentOrElse(
                b -> config(node.putObject("baseline"), b.getConfigKey(), b.getConfig()),
                () -> node.putNull("baseline"));
        ObjectNode best = node.putObject("best");
        best(best, Headlines.best(metrics, ComparedMetric.TOKENS_PER_S), ComparedMetric.TOKENS_PER_S);
        best(best, Headlines.best(metrics, ComparedMetric.TTFT_MS), ComparedMetric.TTFT_MS);
        ArrayNode deltas = node.putArray("deltas");
        for (ConfigDelta delta : comparison.deltas()) {
            ObjectNode d = deltas.addObject();
            d.put("configKey", delta.otherConfigKey());
            d.put("metric", delta.metric().name());
            d.put("unit", delta.unit());
            d.put("count", delta.otherCount());
            d.put("mean", delta.otherMean());
            d.put("baselineCount", delta.baselineCount());
            d.put("baselineMean", delta.baselineMean());
            d.put("difference", delta.difference());
            d.put("relativeDifference", delta.relativeDifference());
            d.put("pValue", delta.pValue());
            d.put("significant", delta.significant());
        }
        node.put("significanceLevel", ConfigComparison.SIGNIFICANCE_LEVEL);
        node.put("bestRule", "among configurations with at least " + ConfigComparison.MIN_RUNS_FOR_BEST
                + " runs, the best end of the worse side of the 95 % interval of the mean; none when no configuration has that many");
    }

    private static void best(ObjectNode best, Optional<BestConfig> winner, ComparedMetric metric) {
        winner.ifPresent(b -> {
            ObjectNode node = config(best.putObject(metric.name()), b.configKey(), b.config().getConfig());
            node.put("label", Headlines.configLabel(b.config()));
            node.put("mean", b.mean());
            node.put("count", b.stats().getCount());
            node.put("unit", b.unit());
            b.interval().ifPresent(interval -> {
                node.put("ciLow", interval.low());
                node.put("ciHigh", interval.high());
            });
        });
    }

    private static ObjectNode config(ObjectNode node, String configKey, Map<String, String> config) {
        node.put("configKey", configKey);
        ObjectNode map = node.putObject("config");
        new TreeMap<>(config).forEach(map::put);
        return node;
    }

    private static void configTable(StringBuilder md, List<ConfigStats> configs) {
        md.append("| config | runs | failed | tokens/s mean | tokens/s p50 | TTFT mean (ms) | TTFT p50 (ms) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (ConfigStats config : configs) {
            md.append("| ").append(cell(Headlines.configLabel(config))).append(" | ").append(config.getRuns())
                    .append(" | ").append(config.getFailedRuns())
                    .append(" | ").append(stat(config, TOKENS_PER_S, true))
                    .append(" | ").append(stat(config, TOKENS_PER_S, false))
                    .append(" | ").append(stat(config, TTFT_MS, true))
                    .append(" | ").append(stat(config, TTFT_MS, false)).append(" |\n");
        }
        md.append('\n');
    }

    private static String stat(ConfigStats config, String metric, boolean mean) {
        MetricStats stats = config.getMetrics().get(metric);
        if (stats == null || stats.getCount() == 0) {
            return "–";
        }
        return format(mean ? stats.getMean() : stats.getP50());
    }

    private static String metricLabel(ComparedMetric metric) {
        if (metric.equals(ComparedMetric.TOKENS_PER_S)) {
            return "tokens/s";
        }
        return metric.equals(ComparedMetric.TTFT_MS) ? "TTFT" : cell(metric.name());
    }

    private static String signed(double value) {
        String text = format(value);
        return value > 0 && !text.equals("0") ? "+" + text : text;
    }

    /** Tiny p-values are not worth their digits: below 0.001 the answer is the same. */
    static String pValue(Double p) {
        if (p == null) {
            return "–";
        }
        return p < 0.001 ? "< 0.001" : format(p);
    }

    private static String significance(ConfigDelta delta) {
        if (delta.pValue() == null) {
            return "not tested";
        }
        if (!delta.significant()) {
            return "no";
        }
        return delta.better() ? "yes, better" : "yes, worse";
    }
}
