package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.MarkdownText.inline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.AnalysisStatus;
import io.chimera.insight.events.ModelMetrics;

/** Title, status and the span of the data. */
final class HeaderSection implements ReportSection {

    @Override
    public void markdown(StringBuilder md, ReportInput input) {
        ModelMetrics metrics = input.metrics();
        AnalysisResult analysis = input.analysis();
        md.append("# Benchmark report: ").append(inline(metrics.getModel())).append("\n\n");
        md.append("- Status: ").append(statusLine(analysis)).append('\n');
        md.append("- Runs: ").append(metrics.getRuns()).append(" (").append(metrics.getFailedRuns())
                .append(" failed) from ").append(metrics.getFiles().size()).append(" file(s)");
        if (metrics.getSummaryRecords() > 0) {
            md.append("; ").append(metrics.getSummaryRecords())
                    .append(" summary record(s) written by the rig are kept apart and not counted as runs");
        }
        md.append('\n');
        md.append("- Runs ingested from ").append(metrics.getFirstSeen()).append(" to ").append(metrics.getLastSeen())
                .append("; analysis ").append(inline(analysis.getAnalysisId())).append(" completed ")
                .append(analysis.getCompletedAt()).append("\n\n");
    }

    /** Whose report it is and how far its analysis got. */
    @Override
    public void json(ObjectNode fields, ReportInput input) {
        ModelMetrics metrics = input.metrics();
        fields.put("model", metrics.getModel());
        fields.put("runs", metrics.getRuns());
        fields.put("failedRuns", metrics.getFailedRuns());
        fields.put("summaryRecords", metrics.getSummaryRecords());
        fields.put("status", input.analysis().getStatus().name());
        fields.put("analysisId", input.analysis().getAnalysisId());
    }

    static String statusLine(AnalysisResult analysis) {
        if (analysis.getStatus() == AnalysisStatus.OK) {
            return "complete";
        }
        String reason = analysis.getError() == null ? "" : " (" + inline(analysis.getError()) + ")";
        return analysis.getStatus() == AnalysisStatus.LLM_UNAVAILABLE
                ? "narrative pending: no LLM worker answered" + reason
                : "narrative failed" + reason;
    }
}
