package io.chimera.insight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.ModelMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's Changes section and its {@code latest.json} fields, from hand-built changes
 * ({@link ReportFixtures#changes()}): a regression, an older improvement and a retracted change.
 */
class ChangesSectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ReportInput input(ModelChanges changes) {
        ModelMetrics metrics = ModelMetrics.newBuilder(ReportFixtures.metrics()).setChanges(changes).build();
        return ReportInput.of(AnalysisResult.newBuilder(ReportFixtures.pending()).setMetrics(metrics).build());
    }

    private static String section(String markdown) {
        int start = markdown.indexOf("## Changes");
        assertThat(start).as("the report has a Changes section").isNotNegative();
        int end = markdown.indexOf("\n## ", start + 1);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    @Test
    void standingChangesAreListedNewestFirstWithBeforeAfterAndTheirFiles() {
        String changes = section(new MarkdownReportRenderer().render(input(ReportFixtures.changes())));

        assertThat(changes).contains("1 regression, 1 improvement standing in 4 series of tokens/s and TTFT, newest first.");
        String regression = "| 2026-11-27T12:00:00Z | tokens/s | num\\_ctx=2048,num\\_gpu=80 | regression "
                + "| n = 12, 295 tokens/s (293.9 to 296.1) | n = 5, 259.6 tokens/s (257 to 262.2) | -12 % "
                + "| 2.4e-09 (Student t) | `runs/2026-11-27.csv`, run `id-runs/2026-11-27.csv#row 0` |";
        String improvement = "| 2026-11-26T08:00:00Z | TTFT | num\\_ctx=1024,num\\_gpu=999 | improvement "
                + "| n = 20, 80 ms (78.5 to 81.5) | n = 8, 61 ms (60.1 to 61.9) | -23.75 % "
                + "| 1.1e-12 (Student t) | `runs/2026-11-26.csv`, run `id-runs/2026-11-26.csv#row 0` |";
        assertThat(changes).contains(regression, improvement);
        assertThat(changes.indexOf(regression)).isLessThan(changes.indexOf(improvement));
    }

    @Test
    void aRetractedChangeIsNamedAsRetractedNeverAsStanding() {
        // The retracted change listed as standing too: the section still does not count or tabulate it.
        ModelChanges withStale = ModelChanges.newBuilder(ReportFixtures.changes())
                .setStanding(List.of(ReportFixtures.IMPROVEMENT, ReportFixtures.REGRESSION, ReportFixtures.RETRACTED))
                .build();
        for (ModelChanges changes : List.of(ReportFixtures.changes(), withStale)) {
            String section = section(new MarkdownReportRenderer().render(input(changes)));

            assertThat(section).contains("1 regression, 1 improvement standing");
            assertThat(section).doesNotContain("| 2026-11-25T09:00:00Z");
            assertThat(section).contains("Retracted recently", "- regression of tokens/s [num\\_ctx=1024,num\\_gpu=999] "
                    + "from run `id-runs/2026-11-25.csv#row 0`, -10 %, retracted 2026-11-28T10:00:02Z");
        }
    }

    @Test
    void withNoChangeOneLineSaysSoAndWhatWasWatched() {
        ModelChanges none = ModelChanges.newBuilder().setWatchedSeries(6).setWatchedMetrics(List.of("tokens_per_s", "ttft_ms"))
                .build();

        assertThat(section(new MarkdownReportRenderer().render(input(none))))
                .isEqualTo("## Changes\n\nNo change detected in 6 series of tokens/s and TTFT.\n");
        assertThat(section(new MarkdownReportRenderer().render(input(null))))
                .startsWith("## Changes\n\nChange detection did not run for this aggregate");
    }

    @Test
    void latestJsonListsTheStandingChangesNewestFirstAndTheRetractionsApart() throws Exception {
        JsonNode report = JSON.readTree(new ReportJsonRenderer().render(input(ReportFixtures.changes())));

        JsonNode changes = report.get("changes");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).get("changeId").asText()).isEqualTo("c-regression");
        assertThat(changes.get(0).get("direction").asText()).isEqualTo("REGRESSION");
        assertThat(changes.get(0).get("metric").asText()).isEqualTo("tokens_per_s");
        assertThat(changes.get(0).get("before").get("mean").asDouble()).isEqualTo(295.0);
        assertThat(changes.get(0).get("after").get("n").asLong()).isEqualTo(5);
        assertThat(changes.get(0).get("changePercent").asDouble()).isEqualTo(-12.0);
        assertThat(changes.get(0).get("pValue").asDouble()).isEqualTo(2.4e-9);
        assertThat(changes.get(0).get("firstRunPath").asText()).isEqualTo("runs/2026-11-27.csv");
        assertThat(changes.get(1).get("changeId").asText()).isEqualTo("c-improvement");
        assertThat(report.get("changesRetracted")).hasSize(1);
        assertThat(report.get("changesRetracted").get(0).get("changeId").asText()).isEqualTo("c-retracted");
        assertThat(report.get("changesRetracted").get(0).get("retractedAt").asText()).isEqualTo("2026-11-28T10:00:02Z");
        assertThat(report.get("changeDetection").get("watchedSeries").asInt()).isEqualTo(4);

        JsonNode off = JSON.readTree(new ReportJsonRenderer().render(input(null)));
        assertThat(off.get("changes")).isEmpty();
        assertThat(off.get("changeDetection").isNull()).isTrue();
    }
}
