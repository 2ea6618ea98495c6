package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.Figures.format;
import static io.chimera.insight.report.render.MarkdownText.inline;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.Narrative;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.platform.stats.ComparedMetric;

/** The headline facts, from the aggregate, then the narrative's summary when there is one. */
final class SummarySection implements ReportSection {

    @Override
    public void markdown(StringBuilder md, ReportInput input) {
        ModelMetrics metrics = input.metrics();
        md.append("## Summary\n\n");
        md.append("From the data:\n\n");
        MetricStats tps = metrics.getMetrics().get(CanonicalMetric.TOKENS_PER_S.canonicalName());
        if (tps != null && tps.getCount() > 0) {
            md.append("- Throughput: median ").append(format(tps.getP50())).append(' ').append(inline(tps.getUnit()))
                    .append(", mean ").append(format(tps.getMean())).append(", p95 ").append(format(tps.getP95()))
                    .append(" (n = ").append(tps.getCount()).append(")\n");
        }
        MetricStats ttft = metrics.getMetrics().get(CanonicalMetric.TTFT_MS.canonicalName());
        if (ttft != null && ttft.getCount() > 0) {
            md.append("- Time to first token: median ").append(format(ttft.getP50())).append(' ')
                    .append(inline(ttft.getUnit())).append(", p95 ").append(format(ttft.getP95())).append(", p99 ")
                    .append(format(ttft.getP99())).append(" (n = ").append(ttft.getCount()).append(")\n");
        }
        Headlines.appendBest(md, "Fastest configuration", metrics, ComparedMetric.TOKENS_PER_S);
        Headlines.appendBest(md, "Quickest first token", metrics, ComparedMetric.TTFT_MS);
        md.append("- Failed runs: ").append(metrics.getFailedRuns()).append(" of ").append(metrics.getRuns())
                .append("\n\n");
        narrative(md, input.analysis());
    }

    private static void narrative(StringBuilder md, AnalysisResult analysis) {
        Narrative narrative = analysis.getNarrative();
        if (narrative == null) {
            md.append("_Narrative pending._ Every figure in this report is computed from the benchmark data; the ")
                    .append("written analysis will be added once an LLM worker answers.\n\n");
            return;
        }
        md.append("Analysis (written by an LLM from the same data; its numbers are checked in Provenance):\n\n");
        md.append(UnverifiedFlags.flag(inline(narrative.getSummary()), narrative.getSummary(),
                analysis.getVerification())).append("\n\n");
    }
}
