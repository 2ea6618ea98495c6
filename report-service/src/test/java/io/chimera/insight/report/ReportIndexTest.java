package io.chimera.insight.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.report.render.IndexRenderer;
import io.chimera.insight.report.render.ReportFixtures;
import io.chimera.insight.report.render.ReportInput;
import io.chimera.insight.report.render.ReportJsonRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index's "best config" column, read back from each report's latest.json as {@link ReportService} does:
 * the runs without configuration are named as the report names them, and the only configuration with 2 or
 * more runs is not passed off as best.
 */
class ReportIndexTest {

    @TempDir
    Path reports;

    /** gemma3:latest's shape: 2 runs without configuration, two configurations of one run each. */
    @Test
    void theRunsWithoutConfigurationAreNamedAndTheOnlyReplicatedOneIsNotCalledRanked() throws Exception {
        ModelMetrics metrics = ModelMetrics.newBuilder(ReportFixtures.metrics()).setConfigs(List.of(
                config("", Map.of(), 2, 98.6, 6),
                config("num_ctx=2048", Map.of("num_ctx", "2048"), 1, 97, 0),
                config("num_ctx=4096", Map.of("num_ctx", "4096"), 1, 99, 0))).build();

        IndexRenderer.Entry entry = entry(metrics);

        assertThat(entry.bestConfig()).isEqualTo("(runs without configuration) (only one with 2+ runs: not ranked)");
    }

    /** Two replicated configurations: the best is named as it is. */
    @Test
    void aRankedBestIsNamedAsItIs() throws Exception {
        IndexRenderer.Entry entry = entry(ReportFixtures.metrics());

        assertThat(entry.bestConfig()).isEqualTo("num_ctx=1024, num_gpu=999");
    }

    private IndexRenderer.Entry entry(ModelMetrics metrics) throws Exception {
        Path folder = Files.createDirectories(reports.resolve("model"));
        Files.writeString(folder.resolve("latest.json"), new ReportJsonRenderer().render(ReportInput.of(
                AnalysisResult.newBuilder(ReportFixtures.pending()).setMetrics(metrics).build())));
        Files.writeString(folder.resolve("latest.md"), "");
        return ReportIndex.read(reports).get(0);
    }

    private static ConfigStats config(String key, Map<String, String> config, long runs, double mean, double sd) {
        return ConfigStats.newBuilder(ReportFixtures.metrics().getConfigs().get(0)).setConfigKey(key).setConfig(config)
                .setRuns(runs).setFailedRuns(0).setColdRuns(0)
                .setMetrics(Map.of("tokens_per_s", ReportFixtures.stats("tokens/s", runs, mean, sd, mean - sd, mean,
                        mean + sd, mean + sd, mean + sd)))
                .setWarmMetrics(Map.of()).build();
    }
}
