package io.chimera.insight.report.render;

/** One section of a report, appended in order by {@link MarkdownReportRenderer}. */
interface ReportSection {

    void render(StringBuilder md, ReportInput input);
}
