package io.chimera.insight.report.render;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.report.inventory.Inventory;
import java.util.List;
import java.util.Objects;

/**
 * What a report is rendered from: the analysis result, the aggregate it was grounded in, what is
 * known of the source files, and the charts written beside it. Facts sections use the aggregate and
 * the inventory only, never the narrative.
 */
public record ReportInput(AnalysisResult analysis, ModelMetrics metrics, Inventory inventory, List<ChartLink> charts) {

    public ReportInput {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(metrics, "metrics: an analysis result without its facts cannot be reported");
        Objects.requireNonNull(inventory, "inventory");
        charts = List.copyOf(charts);
    }

    /** The input with the aggregate's own file list as inventory and no charts. */
    public static ReportInput of(AnalysisResult analysis) {
        return of(analysis, Inventory.ofPaths(requireMetrics(analysis).getFiles()), List.of());
    }

    public static ReportInput of(AnalysisResult analysis, Inventory inventory, List<ChartLink> charts) {
        return new ReportInput(analysis, requireMetrics(analysis), inventory, charts);
    }

    private static ModelMetrics requireMetrics(AnalysisResult analysis) {
        return Objects.requireNonNull(analysis.getMetrics(),
                "metrics: an analysis result without its facts cannot be reported");
    }
}
