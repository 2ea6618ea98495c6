package io.chimera.insight.report.render;

/**
 * Renders a model's report as Markdown, section by section ({@link ReportSections}). Deterministic:
 * the same input gives the same bytes (no wall-clock time inside), so a report is only rewritten when
 * its content changes.
 *
 * <p>Facts sections (summary facts, metrics, configuration comparison, charts, data inventory,
 * generation metrics, provenance) read the aggregate, the file inventory and the LLM call's
 * measurements only; the narrative sections carry the LLM's text, escaped and checked.
 */
public final class MarkdownReportRenderer {

    public String render(ReportInput input) {
        StringBuilder md = new StringBuilder(8192);
        ReportSections.ALL.forEach(section -> section.markdown(md, input));
        return md.toString();
    }
}
