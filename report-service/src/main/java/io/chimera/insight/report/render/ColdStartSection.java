package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.Figures.format;
import static io.chimera.insight.report.render.MarkdownText.inline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.platform.stats.LoadsBeforeSplit;
import java.util.List;

/**
 * Which runs paid a model load (the aggregate's {@code coldStart}): how many, their median load, and
 * the headline metrics over all runs, the warm ones and the cold ones side by side. A first run after
 * a configuration change that loads the model makes that configuration look slow; reading the warm
 * figures beside the others keeps a cold start from passing for a configuration effect. Runs whose
 * load duration was counted before the aggregation kept the split ({@link LoadsBeforeSplit}) are named
 * as such, not as runs without one.
 */
final class ColdStartSection implements ReportSection {

    private static final String TOKENS_PER_S = CanonicalMetric.TOKENS_PER_S.canonicalName();
    private static final String TTFT_MS = CanonicalMetric.TTFT_MS.canonicalName();
    private static final String LOAD_MS = CanonicalMetric.LOAD_DURATION_MS.canonicalName();

    @Override
    public void markdown(StringBuilder md, ReportInput input) {
        ModelMetrics metrics = input.metrics();
        ColdStart cold = metrics.getColdStart();
        long successful = metrics.getRuns() - metrics.getFailedRuns();
        if (cold == null || successful == 0) {
            return;
        }
        md.append("## Cold starts\n\n");
        long beforeSplit = LoadsBeforeSplit.runs(metrics);
        if (cold.getStatus() == ColdStartStatus.NO_LOAD_DURATION) {
            if (beforeSplit > 0) {
                md.append("Load durations not recorded before upgrade: re-ingest to classify. ").append(beforeSplit)
                        .append(" of ").append(successful).append(" successful runs report a load duration, but they "
                                + "were counted before the aggregation kept what tells cold runs from warm ones, so "
                                + "none is classified yet: every figure in this report may include cold starts. "
                                + "Reading their files again (or a fresh state) classifies them.\n\n");
                return;
            }
            md.append("No run reports a load duration, so cold runs (those that paid a model load) cannot be told "
                    + "from warm ones: every figure in this report may include cold starts.\n\n");
            return;
        }
        md.append(cold.getColdRuns()).append(" of ").append(successful).append(" successful runs were cold (")
                .append(inline(cold.getRule())).append("; median load ").append(format(cold.getLoadMedianMs()))
                .append(" ms, MAD ").append(format(cold.getLoadMadMs())).append(" ms, threshold ")
                .append(format(cold.getThresholdMs())).append(" ms).");
        long withoutLoad = cold.getUnclassifiedRuns() - beforeSplit;
        if (withoutLoad > 0) {
            md.append(' ').append(withoutLoad).append(" report no load duration and are counted neither cold nor warm.");
        }
        if (beforeSplit > 0) {
            md.append(' ').append(beforeSplit).append(" are counted neither cold nor warm: ")
                    .append(LoadsBeforeSplit.NOTE).append('.');
        }
        md.append("\n\n");
        MetricStats coldLoad = cold.getCold().get(LOAD_MS);
        MetricStats coldTtft = cold.getCold().get(TTFT_MS);
        MetricStats warmTtft = cold.getWarm().get(TTFT_MS);
        if (coldLoad != null) {
            md.append("- Median load of a cold run: ").append(format(coldLoad.getP50())).append(" ms (n = ")
                    .append(coldLoad.getCount()).append(").\n");
        }
        if (coldTtft != null && warmTtft != null) {
            md.append("- Median TTFT: ").append(format(coldTtft.getP50())).append(" ms cold (n = ")
                    .append(coldTtft.getCount()).append(") against ").append(format(warmTtft.getP50()))
                    .append(" ms warm (n = ").append(warmTtft.getCount()).append(").\n");
        }
        if (cold.getColdRuns() > 0) {
            md.append("- A configuration whose runs were cold more often looks slower for that reason alone; "
                    + "compare configurations on warm runs.\n");
        }
        md.append('\n');
        md.append("| metric | all runs: n | mean | p50 | warm: n | mean | p50 | cold: n | mean | p50 |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String metric : List.of(TOKENS_PER_S, TTFT_MS)) {
            md.append("| ").append(metric.equals(TTFT_MS) ? "TTFT (ms)" : "tokens/s")
                    .append(cells(metrics.getMetrics().get(metric)))
                    .append(cells(cold.getWarm().get(metric)))
                    .append(cells(cold.getCold().get(metric))).append(" |\n");
        }
        md.append('\n');
    }

    private static String cells(MetricStats stats) {
        if (stats == null || stats.getCount() == 0) {
            return " | 0 | – | –";
        }
        return " | " + stats.getCount() + " | " + format(stats.getMean()) + " | " + format(stats.getP50());
    }

    /** {@code coldStart}: the rule, its threshold, the counts and both sides at full precision; null when the aggregate has none. */
    @Override
    public void json(ObjectNode fields, ReportInput input) {
        ColdStart cold = input.metrics().getColdStart();
        if (cold == null) {
            fields.putNull("coldStart");
            return;
        }
        ObjectNode node = fields.putObject("coldStart");
        node.put("status", cold.getStatus().name());
        node.put("rule", cold.getRule());
        node.put("coldRuns", cold.getColdRuns());
        node.put("warmRuns", cold.getWarmRuns());
        node.put("unclassifiedRuns", cold.getUnclassifiedRuns());
        node.put("loadsBeforeSplitRuns", LoadsBeforeSplit.runs(input.metrics()));
        if (cold.getStatus() == ColdStartStatus.CLASSIFIED) {
            node.put("loadMedianMs", cold.getLoadMedianMs());
            node.put("loadMadMs", cold.getLoadMadMs());
            node.put("thresholdMs", cold.getThresholdMs());
        }
        MetricsSection.metricBlock(node.putObject("warm"), cold.getWarm());
        MetricsSection.metricBlock(node.putObject("cold"), cold.getCold());
    }
}
