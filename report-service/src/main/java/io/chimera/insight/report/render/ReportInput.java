package io.chimera.insight.report.render;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.ModelMetrics;
import java.util.Objects;

/**
 * What a report is rendered from: the analysis result and the aggregate it was grounded in.
 * Facts sections use {@link #metrics()} only, never the narrative.
 */
public record ReportInput(AnalysisResult analysis, ModelMetrics metrics) {

    public ReportInput {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(metrics, "metrics: an analysis result without its facts cannot be reported");
    }

    public static ReportInput of(AnalysisResult analysis) {
        return new ReportInput(analysis, analysis.getMetrics());
    }
}
