package io.chimera.insight.report.render;

import java.util.List;

/**
 * Renders a model's report as Markdown, section by section. Deterministic: the same input gives the
 * same bytes (no wall-clock time inside), so a report is only rewritten when its content changes.
 *
 * <p>Facts sections (summary facts, metrics, configuration comparison, charts, data inventory,
 * generation metrics, provenance) read the aggregate, the file inventory and the LLM call's
 * measurements only; the narrative sections carry the LLM's text, escaped and checked.
 */
public final class MarkdownReportRenderer {

    private static final List<ReportSection> SECTIONS = List.of(
            new HeaderSection(),
            new SummarySection(),
            new MetricsSection(),
            new ComparisonSection(),
            new ChartsSection(),
            new NarrativeSection(),
            new InventorySection(),
            new GenerationSection(),
            new ProvenanceSection());

    public String render(ReportInput input) {
        StringBuilder md = new StringBuilder(8192);
        SECTIONS.forEach(section -> section.render(md, input));
        return md.toString();
    }
}
