package io.chimera.insight.report.render;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One section of a report: its Markdown and, when it carries facts for machines, its fields of
 * {@code latest.json}. Sections are listed once, in {@link ReportSections}; the Markdown and the
 * JSON follow that order.
 */
interface ReportSection {

    /** Appends this section's Markdown. */
    void markdown(StringBuilder md, ReportInput input);

    /**
     * Puts the facts this section carries into {@code fields}, top-level fields of {@code latest.json}
     * that no other section writes, at full precision and without narrative text. Written whether or
     * not the Markdown shows the section. A section of text only puts none. Fields are only ever added.
     */
    default void json(ObjectNode fields, ReportInput input) {
    }
}
