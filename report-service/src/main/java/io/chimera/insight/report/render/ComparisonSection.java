package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.Figures.format;
import static io.chimera.insight.report.render.MarkdownText.cell;
import static io.chimera.insight.report.render.MarkdownText.inline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.Better;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.platform.stats.BestConfig;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.ConfigComparison;
import io.chimera.insight.platform.stats.ConfigDelta;
import io.chimera.insight.platform.stats.MeanInterval;
import io.chimera.insight.platform.stats.Recommendations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The top configurations (at most {@value #TOP}, ranked as {@link ConfigRanking} says, with n and 95 %
 * interval of both headline metrics) and the baseline, the best one per headline metric, and a link to
 * the full table, {@code configs.csv} ({@link ConfigsCsvRenderer}), where every configuration and its
 * difference from the baseline with its Welch p-value stand. {@code latest.json} keeps the complete
 * comparison ({@code comparison}) and names the table ({@code configsCsv}).
 */
final class ComparisonSection implements ReportSection {

    /** Rows of the top table: more is the CSV's job. */
    static final int TOP = 10;

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
        ConfigComparison comparison = ConfigComparison.of(metrics);
        Optional<ConfigStats> baseline = comparison.baseline();
        // Ranked on the runs the recommendations judge the metric on (warm TTFT when classified).
        rankedMetric(configs).ifPresent(metric -> topTable(md, metrics,
                ConfigRanking.of(Recommendations.judgedRuns(metrics, metric), metric), baseline));
        Headlines.appendBest(md, "Best for throughput", metrics, ComparedMetric.TOKENS_PER_S);
        Headlines.appendBest(md, "Best for time to first token", metrics, ComparedMetric.TTFT_MS);
        baseline.ifPresent(b -> md.append("- Baseline: ").append(inline(Headlines.configLabel(b)))
                .append(b.getConfigKey().isEmpty() ? "" : " (" + baselineReason(configs, b)
                        + "; no run was without configuration)")
                .append("\n"));
        // The file name is ours (a constant), so it needs no escaping inside the link target.
        md.append("\nFull table: [").append(ConfigsCsvRenderer.FILE).append("](").append(ConfigsCsvRenderer.FILE)
                .append(") (").append(configurations(configs.size())).append("): each one's parameters, runs, and for "
                        + "tokens/s and TTFT (and warm TTFT) n, mean, median, standard deviation and 95 % interval, its "
                        + "rank, and its difference from the baseline with Welch's two-sided p-value (significant "
                        + "when p < ").append(format(ConfigComparison.SIGNIFICANCE_LEVEL))
                .append(", not corrected for comparing many configurations).\n\n");
    }

    /**
     * Why this configuration is the baseline: the most successful runs, or, when several tie for them, only the
     * first of those by config key (then it is an arbitrary reference, and the reader should know).
     */
    private static String baselineReason(List<ConfigStats> configs, ConfigStats baseline) {
        long most = baseline.getRuns() - baseline.getFailedRuns();
        long tied = configs.stream().filter(c -> c.getRuns() - c.getFailedRuns() == most).count();
        return tied <= 1 ? "the configuration with the most successful runs"
                : "the first by config key of the " + tied + " configurations tied for the most successful runs, "
                        + most + " each: an arbitrary reference";
    }

    /** Tokens/s when a configuration has it, else TTFT; none when no configuration has either. */
    private static Optional<ComparedMetric> rankedMetric(List<ConfigStats> configs) {
        for (ComparedMetric metric : List.of(ComparedMetric.TOKENS_PER_S, ComparedMetric.TTFT_MS)) {
            if (configs.stream().anyMatch(c -> measured(c, metric.name()) != null)) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }

    /** The top {@value #TOP} configurations of {@code ranking} and the baseline, with n and interval of both headline metrics. */
    private static void topTable(StringBuilder md, ModelMetrics metrics, ConfigRanking ranking,
                                 Optional<ConfigStats> baseline) {
        int total = metrics.getConfigs().size();
        List<BestConfig> top = ranking.ranked().subList(0, Math.min(TOP, ranking.ranked().size()));
        boolean classified = Headlines.coldRuns(metrics).isPresent();
        String label = classified && ranking.metric().equals(ComparedMetric.TTFT_MS) ? "warm TTFT"
                : metricLabel(ranking.metric());
        if (ranking.replicated()) {
            md.append("Top ").append(top.size()).append(" of ").append(configurations(total)).append(" for ").append(label)
                    .append(", ranked by the ").append(ranking.metric().better() == Better.LOWER ? "upper" : "lower")
                    .append(" end of the 95 % interval of the mean among the ").append(ranking.ranked().size())
                    .append(" with ").append(ConfigComparison.MIN_RUNS_FOR_BEST).append(" or more runs");
            int unranked = total - ranking.ranked().size();
            if (unranked > 0) {
                md.append(" (").append(unranked).append(" with fewer runs: not ranked)");
            }
            md.append(":\n\n");
        } else {
            md.append("**Single runs: ranking is not evidence.** No configuration has ")
                    .append(ConfigComparison.MIN_RUNS_FOR_BEST).append(" or more runs of ").append(label)
                    .append(", so the top ").append(top.size()).append(" of ").append(configurations(total))
                    .append(" are ordered by the mean of their ")
                    .append(label).append(" alone; one run has no interval and cannot be told from noise (see the "
                            + "per-parameter effects).\n\n");
        }
        String ttft = classified ? "warm TTFT" : "TTFT";
        md.append("| rank | config | runs | failed | cold | tokens/s n | tokens/s mean | tokens/s 95 % CI "
                + "| " + ttft + " n | " + ttft + " mean (ms) | " + ttft + " 95 % CI (ms) |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---|---:|---:|---|\n");
        // The ranking's configurations may carry warm TTFT in place of all runs': the rows show the aggregate's.
        Map<String, ConfigStats> byKey = new HashMap<>();
        metrics.getConfigs().forEach(config -> byKey.put(config.getConfigKey(), config));
        for (int i = 0; i < top.size(); i++) {
            topRow(md, String.valueOf(i + 1), byKey.get(top.get(i).configKey()), classified);
        }
        baseline.ifPresent(b -> topRow(md, "baseline", b, classified));
        md.append('\n');
        if (classified) {
            md.append("TTFT over each configuration's warm runs, as the effects and recommendations read it (a cold "
                    + "run's model load is not the configuration's doing; see Cold starts); all runs' TTFT is in ")
                    .append(ConfigsCsvRenderer.FILE).append(".\n\n");
        }
    }

    private static void topRow(StringBuilder md, String rank, ConfigStats config, boolean classified) {
        md.append("| ").append(rank).append(" | ").append(cell(Headlines.configLabel(config)))
                .append(" | ").append(config.getRuns())
                .append(" | ").append(config.getFailedRuns())
                .append(" | ").append(classified ? String.valueOf(config.getColdRuns()) : "–")
                .append(figures(measured(config.getMetrics(), TOKENS_PER_S)))
                .append(figures(measured(classified ? config.getWarmMetrics() : config.getMetrics(), TTFT_MS)))
                .append(" |\n");
    }

    /** n, mean and interval cells of one metric; dashes when the configuration has no value of it. */
    private static String figures(MetricStats stats) {
        if (stats == null) {
            return " | 0 | – | –";
        }
        Optional<MeanInterval> interval = MeanInterval.of(stats.getCount(), stats.getMean(),
                stats.getStddev() * stats.getStddev());
        return " | " + stats.getCount() + " | " + format(stats.getMean()) + " | "
                + interval.map(ci -> format(ci.low()) + " to " + format(ci.high())).orElse("– (n < 2)");
    }

    private static String configurations(int count) {
        return count + (count == 1 ? " configuration" : " configurations");
    }

    private static MetricStats measured(ConfigStats config, String metric) {
        return measured(config.getMetrics(), metric);
    }

    private static MetricStats measured(Map<String, MetricStats> metrics, String metric) {
        MetricStats stats = metrics.get(metric);
        return stats == null || stats.getCount() == 0 ? null : stats;
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
        best(best, metrics, ComparedMetric.TOKENS_PER_S);
        best(best, metrics, ComparedMetric.TTFT_MS);
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
        if (ConfigsCsvRenderer.writtenFor(metrics)) {
            fields.put("configsCsv", ConfigsCsvRenderer.FILE);
        } else {
            fields.putNull("configsCsv");
        }
    }

    private static void best(ObjectNode best, ModelMetrics metrics, ComparedMetric metric) {
        Headlines.best(metrics, metric).ifPresent(b -> {
            ObjectNode node = config(best.putObject(metric.name()), b.configKey(), b.config().getConfig());
            node.put("label", Headlines.configLabel(b.config()));
            // 1 when it is the only replicated configuration: named, but ranked against nothing.
            node.put("rankedAmong", Recommendations.replicatedConfigurations(metrics, metric));
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

    private static String metricLabel(ComparedMetric metric) {
        if (metric.equals(ComparedMetric.TOKENS_PER_S)) {
            return "tokens/s";
        }
        return metric.equals(ComparedMetric.TTFT_MS) ? "TTFT" : cell(metric.name());
    }

    /** Tiny p-values are not worth their digits: below 0.001 the answer is the same. */
    static String pValue(Double p) {
        if (p == null) {
            return "–";
        }
        return p < 0.001 ? "< 0.001" : format(p);
    }
}
