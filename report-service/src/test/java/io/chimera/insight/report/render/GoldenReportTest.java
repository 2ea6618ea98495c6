package io.chimera.insight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.ModelMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A whole report from the fixed aggregate and narrative of {@link ReportFixtures}, byte for byte.
 * When a change to the report is deliberate, regenerate the golden files and read their diff:
 * {@code mvn -pl report-service test -Dtest=GoldenReportTest -Dgolden.update=true}.
 */
class GoldenReportTest {

    private static final Path SOURCE = Path.of("src/test/resources/golden");

    @Test
    void theMarkdownReportMatchesItsGoldenFile() throws IOException {
        assertGolden("report-complete.md", new MarkdownReportRenderer().render(ReportFixtures.completeInput()));
    }

    @Test
    void theJsonFactsMatchTheirGoldenFile() throws IOException {
        assertGolden("report-complete.json", new ReportJsonRenderer().render(ReportFixtures.completeInput()));
    }

    @Test
    void aPendingReportWithoutFileEventsOrChartsMatchesItsGoldenFiles() throws IOException {
        ReportInput input = ReportInput.of(ReportFixtures.pending());
        assertGolden("report-pending.md", new MarkdownReportRenderer().render(input));
        assertGolden("report-pending.json", new ReportJsonRenderer().render(input));
    }

    @Test
    void aModelWhoseRunsAllFailedMatchesItsGoldenFiles() throws IOException {
        ModelMetrics failed = ModelMetrics.newBuilder(ReportFixtures.metrics()).setRuns(2).setFailedRuns(2)
                .setSummaryRecords(3).setMetrics(Map.of()).setConfigs(List.of()).build();
        ReportInput input = ReportInput.of(AnalysisResult.newBuilder(ReportFixtures.pending()).setMetrics(failed)
                .setError(null).build());
        assertGolden("report-failed.md", new MarkdownReportRenderer().render(input));
        assertGolden("report-failed.json", new ReportJsonRenderer().render(input));
    }

    private static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(SOURCE.resolve(name), actual, StandardCharsets.UTF_8);
        }
        try (InputStream golden = GoldenReportTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(golden).as("golden file %s (generate it with -Dgolden.update=true)", name).isNotNull();
            assertThat(actual).isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
