package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.MarkdownText.inline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.AnalysisStatus;
import io.chimera.insight.events.LlmFailureKind;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.llm.LlmFailures;

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
        LlmFailureKind failure = input.analysis().getFailureKind();
        if (failure != null) {
            fields.put("failureKind", failure.name());
            fields.put("failureDetail", input.analysis().getFailureDetail());
        }
    }

    /**
     * "complete"; "narrative pending: no LLM worker answered (…)" only when none could be reached;
     * otherwise what the worker did and said: "narrative pending: the LLM worker failed: server error
     * (HTTP 500: CUDA error: out of memory); tried again later".
     */
    static String statusLine(AnalysisResult analysis) {
        if (analysis.getStatus() == AnalysisStatus.OK) {
            return "complete";
        }
        LlmFailureKind kind = analysis.getFailureKind();
        String reason = analysis.getError() == null ? "" : " (" + inline(analysis.getError()) + ")";
        if (kind == null || kind == LlmFailureKind.UNREACHABLE) {
            return analysis.getStatus() == AnalysisStatus.LLM_UNAVAILABLE
                    ? "narrative pending: no LLM worker answered" + reason
                    : "narrative failed" + reason;
        }
        String explained = inline(LlmFailures.explain(kind, analysis.getFailureDetail()));
        return analysis.getStatus() == AnalysisStatus.LLM_UNAVAILABLE
                ? "narrative pending: the LLM worker failed: " + explained + "; tried again later"
                : "narrative failed: " + explained;
    }
}
