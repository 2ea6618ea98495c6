package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.Figures.format;
import static io.chimera.insight.report.render.MarkdownText.cell;

import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.MetricDisplayOrder;

/** Every metric of the successful runs: n, mean, stddev, min, percentiles, max, unit. */
final class MetricsSection implements ReportSection {

    @Override
    public void render(StringBuilder md, ReportInput input) {
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
}
