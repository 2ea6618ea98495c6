package io.chimera.insight.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.report.render.IndexRenderer;
import io.chimera.insight.report.render.ReportFixtures;
import io.chimera.insight.report.render.ReportInput;
import io.chimera.insight.report.render.ReportJsonRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index is read back from the reports' {@code latest.json}: its changes column counts the standing changes by direction. */
class ReportIndexChangesTest {

    @TempDir
    Path reports;

    @Test
    void theChangesColumnCountsStandingChangesByDirection() throws Exception {
        write("with-changes", ModelMetrics.newBuilder(ReportFixtures.metrics()).setModel("a-model")
                .setChanges(ReportFixtures.changes()).build());
        write("without-detection", ModelMetrics.newBuilder(ReportFixtures.metrics()).setModel("b-model").setChanges(null).build());

        String index = new IndexRenderer().render(ReportIndex.read(reports));

        assertThat(index).contains("| best config | changes | status |");
        assertThat(index.lines().filter(line -> line.startsWith("| [a-model]")).findFirst().orElseThrow())
                .contains("| 1 regression, 1 improvement |");
        assertThat(index.lines().filter(line -> line.startsWith("| [b-model]")).findFirst().orElseThrow())
                .doesNotContain("regression").contains("| – |");
    }

    private void write(String slug, ModelMetrics metrics) throws Exception {
        Path folder = Files.createDirectories(reports.resolve(slug));
        AnalysisResult result = AnalysisResult.newBuilder(ReportFixtures.pending()).setModel(metrics.getModel())
                .setMetrics(metrics).build();
        Files.writeString(folder.resolve("latest.json"), new ReportJsonRenderer().render(ReportInput.of(result)));
        Files.writeString(folder.resolve("latest.md"), "# report\n");
    }
}
