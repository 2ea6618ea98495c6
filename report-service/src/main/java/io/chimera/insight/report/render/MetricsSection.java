package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.Figures.format;
import static io.chimera.insight.report.render.MarkdownText.cell;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.MetricDisplayOrder;
import java.util.Map;
import java.util.TreeMap;

/** Every metric of the successful runs: n, mean, stddev, min, percentiles, max, unit. */
final class MetricsSection implements ReportSection {

    @Override
    public void markdown(StringBuilder md, ReportInput input) {
        ModelMetrics metrics = input.metrics();
        md.append("## Metrics\n\n");
        if (metrics.getMetrics().isEmpty()) {
            md.append("No successful run carried a numeric metric.\n\n");
            return;
        }
        md.append("| metric | n | mean | stddev | min | p50 | p95 | p99 | max | unit |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (String name : MetricDisplayOrder.sorted(metrics.getMetrics().keySet())) {
            MetricStats s = metrics.getMetrics().get(name);
            md.append("| ").append(cell(name)).append(" | ").append(s.getCount())
                    .append(" | ").append(format(s.getMean())).append(" | ").append(format(s.getStddev()))
                    .append(" | ").append(format(s.getMin())).append(" | ").append(format(s.getP50()))
                    .append(" | ").append(format(s.getP95())).append(" | ").append(format(s.getP99()))
                    .append(" | ").append(format(s.getMax())).append(" | ").append(cell(s.getUnit())).append(" |\n");
        }
        md.append("\nPercentiles come from a DDSketch with 1 % relative accuracy; n, mean, stddev, min and max are exact.")
                .append("\n\n");
    }

    /** The aggregate itself: every metric overall and per configuration, the files and the span it covers. */
    @Override
    public void json(ObjectNode fields, ReportInput input) {
        ModelMetrics metrics = input.metrics();
        metricBlock(fields.putObject("metrics"), metrics.getMetrics());
        ArrayNode configs = fields.putArray("configs");
        for (ConfigStats config : metrics.getConfigs()) {
            ObjectNode node = configs.addObject();
            node.put("configKey", config.getConfigKey());
            ObjectNode map = node.putObject("config");
            new TreeMap<>(config.getConfig()).forEach(map::put);
            node.put("runs", config.getRuns());
            node.put("failedRuns", config.getFailedRuns());
            metricBlock(node.putObject("metrics"), config.getMetrics());
        }
        ArrayNode files = fields.putArray("files");
        metrics.getFiles().forEach(files::add);
        fields.put("firstSeen", metrics.getFirstSeen().toString());
        fields.put("lastSeen", metrics.getLastSeen().toString());
    }

    /** Each metric's statistics at full precision, by name; the cold-start section writes its two sides with it too. */
    static void metricBlock(ObjectNode block, Map<String, MetricStats> stats) {
        for (Map.Entry<String, MetricStats> entry : new TreeMap<>(stats).entrySet()) {
            MetricStats s = entry.getValue();
            ObjectNode node = block.putObject(entry.getKey());
            node.put("count", s.getCount());
            node.put("mean", s.getMean());
            node.put("stddev", s.getStddev());
            node.put("min", s.getMin());
            node.put("max", s.getMax());
            node.put("p50", s.getP50());
            node.put("p90", s.getP90());
            node.put("p95", s.getP95());
            node.put("p99", s.getP99());
            node.put("unit", s.getUnit());
        }
    }
}
