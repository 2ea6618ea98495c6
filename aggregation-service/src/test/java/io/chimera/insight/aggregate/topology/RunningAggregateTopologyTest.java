package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.statistics.ConfigKeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology with ticks between every phase, so that the running aggregates are built early and
 * then updated run by run, through a replaced file, a sweep and more runs: what it emits in the
 * end is what the final files add up to (computed here from the runs, by plain arithmetic), and
 * the very bytes a fresh start on the final files emits.
 */
class RunningAggregateTopologyTest {

    private static final String GEMMA = "gemma3:270m";
    private static final String QWEN = "qwen2.5:7b";
    private static final Instant T0 = AggregationRig.START;
    private static final List<Map<String, String>> CONFIGS = List.of(
            Map.of("num_ctx", "2048"), Map.of("num_ctx", "4096"), Map.of("num_ctx", "8192", "num_gpu", "1"));

    @TempDir
    Path stateDir;

    /** Per path, the runs of the file's latest version: what is on disk at the end. */
    private final Map<String, List<BenchmarkRun>> finalFiles = new TreeMap<>();
    private final Random random = new Random(17);

    @Test
    void interleavedRunsReplacementsAndSweepsEndAtTheFiguresOfTheFinalFiles() {
        AggregationSettings settings = AggregationSettings.defaults();
        TestFile sharedV1 = TestFile.of("shared.csv", "v1", T0);
        TestFile sharedV2 = TestFile.of("shared.csv", "v2", T0.plusSeconds(500));
        TestFile replacedV1 = TestFile.of("sweep-5.csv", "v1", T0.plusSeconds(5));
        TestFile replacedV2 = TestFile.of("sweep-5.csv", "v2", T0.plusSeconds(400));
        List<BenchmarkRun> published = new ArrayList<>();

        try (AggregationRig rig = new AggregationRig(settings, stateDir.resolve("interleaved"))) {
            rig.publishFile(sharedV1.event(List.of(GEMMA, QWEN)));
            publish(rig, published, sharedV1, List.of(GEMMA, QWEN), 8);
            for (int f = 0; f < 20; f++) {
                publish(rig, published, f == 5 ? replacedV1 : file(f), List.of(GEMMA), 6);
            }
            rig.advance(settings.punctuateInterval());
            assertThat(rig.latest(GEMMA).getRuns()).as("emitted once already").isPositive();

            for (int f = 20; f < 30; f++) {
                publish(rig, published, file(f), List.of(GEMMA), 6);
                rig.advance(settings.punctuateInterval());
            }

            // sweep-5.csv changes: its gemma runs are replaced.
            publish(rig, published, replacedV2, List.of(GEMMA), 9);
            rig.advance(settings.punctuateInterval());

            // shared.csv changes and no longer has gemma: the sweep drops gemma's runs from it.
            rig.publishFile(sharedV2.event(List.of(QWEN)));
            publish(rig, published, sharedV2, List.of(QWEN), 5);
            rig.advance(settings.replacementSweepInterval());

            for (int f = 30; f < 40; f++) {
                publish(rig, published, file(f), List.of(GEMMA), 6);
                rig.advance(settings.punctuateInterval());
            }
            rig.settle();

            assertFiguresOfTheFinalFiles(rig.latest(GEMMA), GEMMA);
            assertFiguresOfTheFinalFiles(rig.latest(QWEN), QWEN);
            assertThat(rig.latest(GEMMA).getFiles()).hasSize(40).doesNotContain(sharedV1.path()).contains(replacedV1.path());

            ModelMetrics gemma = rig.latest(GEMMA);
            ModelMetrics qwen = rig.latest(QWEN);
            try (AggregationRig fresh = new AggregationRig(settings, stateDir.resolve("fresh"))) {
                finalFiles.values().forEach(fresh::publish);
                fresh.settle();
                assertThat(TaskStores.bytes(withoutTimes(gemma))).isEqualTo(TaskStores.bytes(withoutTimes(fresh.latest(GEMMA))));
                assertThat(TaskStores.bytes(withoutTimes(qwen))).isEqualTo(TaskStores.bytes(withoutTimes(fresh.latest(QWEN))));
            }
        }
        assertThat(published.size()).isGreaterThan(260);
    }

    /** Checks {@code metrics} against the runs of {@link #finalFiles}, added up here. */
    private void assertFiguresOfTheFinalFiles(ModelMetrics metrics, String model) {
        List<BenchmarkRun> runs = new ArrayList<>();
        finalFiles.values().forEach(file -> file.stream().filter(run -> run.getModel().equals(model)).forEach(runs::add));
        assertThat(metrics.getRuns()).isEqualTo(runs.size());
        assertThat(metrics.getFailedRuns()).isEqualTo(runs.stream().filter(run -> !run.getOk()).count());
        assertThat(metrics.getFiles()).containsExactlyElementsOf(new TreeSet<>(runs.stream().map(BenchmarkRun::getPath).toList()));
        assertThat(metrics.getFirstSeen()).isEqualTo(runs.stream().map(BenchmarkRun::getIngestedAt).min(Instant::compareTo).orElseThrow());
        assertThat(metrics.getLastSeen()).isEqualTo(runs.stream().map(BenchmarkRun::getIngestedAt).max(Instant::compareTo).orElseThrow());
        new PlainStats(values(runs, "tokens_per_s")).assertMatches(metrics.getMetrics().get("tokens_per_s"), "tokens/s");
        new PlainStats(values(runs, "ttft_ms")).assertMatches(metrics.getMetrics().get("ttft_ms"), "ms");

        Map<String, List<BenchmarkRun>> byConfig = new TreeMap<>();
        runs.forEach(run -> byConfig.computeIfAbsent(ConfigKeys.of(run.getConfig()), k -> new ArrayList<>()).add(run));
        assertThat(metrics.getConfigs()).extracting(ConfigStats::getConfigKey).containsExactlyElementsOf(byConfig.keySet());
        for (ConfigStats config : metrics.getConfigs()) {
            List<BenchmarkRun> ofConfig = byConfig.get(config.getConfigKey());
            assertThat(config.getRuns()).isEqualTo(ofConfig.size());
            assertThat(config.getFiles()).containsExactlyElementsOf(new TreeSet<>(ofConfig.stream().map(BenchmarkRun::getPath).toList()));
            new PlainStats(values(ofConfig, "tokens_per_s")).assertMatches(config.getMetrics().get("tokens_per_s"), "tokens/s");
            new PlainStats(values(ofConfig, "ttft_ms")).assertMatches(config.getMetrics().get("ttft_ms"), "ms");
        }
    }

    /** Publishes {@code rows} runs per model of {@code file}, one in 25 failed, and makes them the file's content. */
    private void publish(AggregationRig rig, List<BenchmarkRun> published, TestFile file, List<String> models, int rows) {
        List<BenchmarkRun> content = new ArrayList<>();
        for (String model : models) {
            for (int row = 0; row < rows; row++) {
                Map<String, Double> measured = new LinkedHashMap<>();
                measured.put("tokens_per_s", (model.equals(GEMMA) ? 150 : 40) + 25 * random.nextGaussian());
                measured.put("ttft_ms", 30 + 300 * random.nextDouble() * random.nextDouble());
                Map<String, String> config = CONFIGS.get(random.nextInt(CONFIGS.size()));
                int id = row + (model.equals(GEMMA) ? 0 : 1_000);
                content.add(random.nextInt(25) == 0 ? file.failedRun(model, id, config, measured) : file.run(model, id, config, measured));
            }
        }
        rig.publish(content);
        published.addAll(content);
        finalFiles.put(file.path(), content);
    }

    private static TestFile file(int index) {
        return TestFile.of("sweep-" + index + ".csv", "v1", T0.plusSeconds(index));
    }

    private static List<Double> values(List<BenchmarkRun> runs, String metric) {
        return runs.stream().filter(BenchmarkRun::getOk).map(run -> run.getMetrics().get(metric).getValue()).toList();
    }

    /** The two wall-clock fields, which differ between rigs by design, cleared. */
    private static ModelMetrics withoutTimes(ModelMetrics metrics) {
        return ModelMetrics.newBuilder(metrics).setUpdatedAt(Instant.EPOCH).setOldestPendingIngestAt(Instant.EPOCH)
                .setConfigsAt(Instant.EPOCH).build();
    }
}
