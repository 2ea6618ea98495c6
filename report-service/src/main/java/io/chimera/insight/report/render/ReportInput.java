package io.chimera.insight.report.render;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.report.inventory.Inventory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a report is rendered from: the analysis result, the aggregate it was grounded in, what is
 * known of the source files, the charts written beside it and where the dead-letter listing is.
 * Facts sections use the aggregate and the inventory only, never the narrative.
 *
 * @param deadLettersLink the dead-letter listing relative to the report ({@code ../dead-letters.md}),
 *                        when the reports folder has one
 */
public record ReportInput(AnalysisResult analysis, ModelMetrics metrics, Inventory inventory, List<ChartLink> charts,
                          Optional<String> deadLettersLink) {

    public ReportInput {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(metrics, "metrics: an analysis result without its facts cannot be reported");
        Objects.requireNonNull(inventory, "inventory");
        charts = List.copyOf(charts);
        Objects.requireNonNull(deadLettersLink, "deadLettersLink");
    }

    /** The input with the aggregate's own file list as inventory and no charts. */
    public static ReportInput of(AnalysisResult analysis) {
        return of(analysis, Inventory.ofPaths(requireMetrics(analysis).getFiles()), List.of());
    }

    public static ReportInput of(AnalysisResult analysis, Inventory inventory, List<ChartLink> charts) {
        return new ReportInput(analysis, requireMetrics(analysis), inventory, charts, Optional.empty());
    }

    /** The same input, whose report links to the dead-letter listing at {@code link} (or to none). */
    public ReportInput withDeadLettersLink(Optional<String> link) {
        return new ReportInput(analysis, metrics, inventory, charts, link);
    }

    private static ModelMetrics requireMetrics(AnalysisResult analysis) {
        return Objects.requireNonNull(analysis.getMetrics(),
                "metrics: an analysis result without its facts cannot be reported");
    }
}
