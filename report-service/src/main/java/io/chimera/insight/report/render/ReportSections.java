package io.chimera.insight.report.render;

import java.util.List;

/** The sections of a report: the one list a new section joins, for the Markdown and the JSON alike. */
final class ReportSections {

    /** In report order; {@code latest.json}'s fields come in the same order. */
    static final List<ReportSection> ALL = List.of(
            new HeaderSection(),
            new SummarySection(),
            new ChangesSection(),
            new MetricsSection(),
            new ColdStartSection(),
            new EffectsSection(),
            new InteractionsSection(),
            new RecommendationsSection(),
            new ComparisonSection(),
            new ChartsSection(),
            new NarrativeSection(),
            new InventorySection(),
            new GenerationSection(),
            new ProvenanceSection());

    private ReportSections() {
    }
}
