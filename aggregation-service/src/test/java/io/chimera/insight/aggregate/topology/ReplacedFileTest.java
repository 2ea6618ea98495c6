package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file re-published with new content replaces its earlier runs instead of adding to them. */
class ReplacedFileTest {

    private static final String GEMMA = "gemma3:270m";
    private static final String QWEN = "qwen2.5:7b";
    private static final Map<String, String> CTX_2048 = Map.of("num_ctx", "2048");
    private static final Map<String, String> CTX_8192 = Map.of("num_ctx", "8192");

    @TempDir
    Path stateDir;

    @Test
    void figuresAfterAReplacementEqualAFreshStartOnTheFinalFiles() {
        Instant t0 = AggregationRig.START;
        TestFile sweepV1 = TestFile.of("sweep.csv", "v1", t0);
        TestFile other = TestFile.of("other.csv", "v1", t0.plusSeconds(10));
        TestFile sweepV2 = TestFile.of("sweep.csv", "v2", t0.plusSeconds(60));
        Random random = new Random(5);
        List<BenchmarkRun> v1Runs = runs(sweepV1, 100, CTX_2048, 200, random);
        List<BenchmarkRun> otherRuns = runs(other, 50, CTX_2048, 120, random);
        List<BenchmarkRun> v2Runs = new ArrayList<>(runs(sweepV2, 60, CTX_2048, 90, random));
        v2Runs.addAll(runs(sweepV2, 20, CTX_8192, 60, random));

        ModelMetrics replaced;
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir.resolve("replaced"))) {
            rig.publish(v1Runs);
            rig.publish(otherRuns);
            rig.settle();
            assertThat(rig.latest(GEMMA).getRuns()).isEqualTo(150);
            rig.publish(v2Runs);
            rig.settle();
            replaced = rig.latest(GEMMA);
        }
        ModelMetrics fresh;
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir.resolve("fresh"))) {
            rig.publish(v2Runs);
            rig.publish(otherRuns);
            rig.settle();
            fresh = rig.latest(GEMMA);
        }

        assertThat(withoutTimes(replaced)).isEqualTo(withoutTimes(fresh));
        assertThat(replaced.getRuns()).isEqualTo(130);
        assertThat(replaced.getFiles()).containsExactly("results/other.csv", "results/sweep.csv");
        assertThat(replaced.getFirstSeen()).isEqualTo(other.ingestedAt());
        new PlainStats(tokens(otherRuns, v2Runs)).assertMatches(replaced.getMetrics().get("tokens_per_s"), "tokens/s");
    }

    @Test
    void aLateRunOfTheOlderVersionIsDropped() {
        Instant t0 = AggregationRig.START;
        TestFile v1 = TestFile.of("sweep.csv", "v1", t0);
        TestFile v2 = TestFile.of("sweep.csv", "v2", t0.plusSeconds(60));
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            rig.publish(v2.run(GEMMA, 0, CTX_2048, Map.of("tokens_per_s", 100.0)));
            rig.publish(v2.run(GEMMA, 1, CTX_2048, Map.of("tokens_per_s", 102.0)));
            rig.publish(v1.run(GEMMA, 0, CTX_2048, Map.of("tokens_per_s", 500.0)));
            rig.settle();

            ModelMetrics gemma = rig.latest(GEMMA);
            assertThat(gemma.getRuns()).isEqualTo(2);
            assertThat(gemma.getMetrics().get("tokens_per_s").getMax()).isEqualTo(102.0);
        }
    }

    @Test
    void aRunOfAVersionOlderThanTheCatalogsIsDroppedEvenBeforeAnyRunOfTheNewOne() {
        Instant t0 = AggregationRig.START;
        TestFile v1 = TestFile.of("sweep.csv", "v1", t0);
        TestFile v2 = TestFile.of("sweep.csv", "v2", t0.plusSeconds(60));
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            rig.publishFile(v2.event(List.of(GEMMA)));
            rig.publish(v1.run(GEMMA, 0, CTX_2048, Map.of("tokens_per_s", 500.0)));
            rig.publish(v2.run(GEMMA, 0, CTX_2048, Map.of("tokens_per_s", 100.0)));
            rig.settle();

            assertThat(rig.latest(GEMMA).getRuns()).isEqualTo(1);
            assertThat(rig.latest(GEMMA).getMetrics().get("tokens_per_s").getMean()).isEqualTo(100.0);
        }
    }

    @Test
    void aRunOfAVersionTheCatalogLearnedIsOlderThanAnotherSinceTheFilesLastRunIsDropped() {
        // The task keeps the catalog's version of a file between runs (CatalogVersions): the new version's
        // event between two runs of the old one must still drop the second, before any sweep (every 5 s) and
        // before any run of the new version.
        Instant t0 = AggregationRig.START;
        TestFile v1 = TestFile.of("sweep.csv", "v1", t0);
        TestFile v2 = TestFile.of("sweep.csv", "v2", t0.plusSeconds(60));
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            rig.publishFile(v1.event(List.of(GEMMA)));
            rig.publish(v1.run(GEMMA, 0, CTX_2048, Map.of("tokens_per_s", 500.0)));
            rig.publishFile(v2.event(List.of(GEMMA)));
            rig.publish(v1.run(GEMMA, 1, CTX_2048, Map.of("tokens_per_s", 510.0)));
            rig.settle();

            assertThat(rig.latest(GEMMA).getRuns()).isEqualTo(1);
            assertThat(rig.latest(GEMMA).getMetrics().get("tokens_per_s").getMax()).isEqualTo(500.0);
        }
    }

    @Test
    void aNewVersionWithoutSomeModelDropsThatModelsRunsFromTheFile() {
        Instant t0 = AggregationRig.START;
        TestFile v1 = TestFile.of("shared.csv", "v1", t0);
        TestFile v2 = TestFile.of("shared.csv", "v2", t0.plusSeconds(60));
        TestFile qwenOnly = TestFile.of("qwen.csv", "v1", t0.plusSeconds(5));
        AggregationSettings settings = AggregationSettings.defaults();
        try (AggregationRig rig = new AggregationRig(settings, stateDir)) {
            rig.publishFile(v1.event(List.of(GEMMA, QWEN)));
            rig.publish(v1.run(GEMMA, 0, CTX_2048, Map.of("tokens_per_s", 150.0)));
            rig.publish(v1.run(QWEN, 1, CTX_2048, Map.of("tokens_per_s", 40.0)));
            rig.publish(qwenOnly.run(QWEN, 0, CTX_2048, Map.of("tokens_per_s", 42.0)));
            rig.settle();
            assertThat(rig.latest(QWEN).getRuns()).isEqualTo(2);
            int requestsBefore = rig.requests().size();

            // The new version of shared.csv has gemma only: qwen's row there is gone.
            rig.publishFile(v2.event(List.of(GEMMA)));
            rig.publish(v2.run(GEMMA, 0, CTX_2048, Map.of("tokens_per_s", 160.0)));
            rig.advance(settings.replacementSweepInterval());
            rig.settle();

            ModelMetrics qwen = rig.latest(QWEN);
            assertThat(qwen.getRuns()).isEqualTo(1);
            assertThat(qwen.getFiles()).containsExactly("results/qwen.csv");
            assertThat(qwen.getMetrics().get("tokens_per_s").getMean()).isEqualTo(42.0);
            assertThat(rig.latest(GEMMA).getMetrics().get("tokens_per_s").getMean()).isEqualTo(160.0);
            // Both models changed, so both are analysed again.
            assertThat(rig.requests().subList(requestsBefore, rig.requests().size()))
                    .extracting(r -> r.getModel()).containsExactlyInAnyOrder(GEMMA, QWEN);
        }
    }

    @Test
    void republishingTheSameVersionDoesNotResetIt() {
        TestFile v1 = TestFile.of("sweep.csv", "v1", AggregationRig.START);
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            rig.publishFile(v1.event(List.of(GEMMA)));
            rig.publish(v1.run(GEMMA, 0, CTX_2048, Map.of("tokens_per_s", 100.0)));
            rig.advance(AggregationSettings.DEFAULT_REPLACEMENT_SWEEP_INTERVAL);
            rig.publishFile(v1.event(List.of(GEMMA)));
            rig.publish(v1.run(GEMMA, 1, CTX_2048, Map.of("tokens_per_s", 110.0)));
            rig.advance(AggregationSettings.DEFAULT_REPLACEMENT_SWEEP_INTERVAL);
            rig.settle();

            assertThat(rig.latest(GEMMA).getRuns()).isEqualTo(2);
        }
    }

    private static List<BenchmarkRun> runs(TestFile file, int count, Map<String, String> config, double center, Random random) {
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 0; row < count; row++) {
            double tokens = center + center / 10 * random.nextGaussian();
            runs.add(file.run(GEMMA, row + (config == CTX_8192 ? 1000 : 0), config, Map.of("tokens_per_s", tokens)));
        }
        return runs;
    }

    @SafeVarargs
    private static List<Double> tokens(List<BenchmarkRun>... batches) {
        List<Double> values = new ArrayList<>();
        for (List<BenchmarkRun> batch : batches) {
            batch.forEach(run -> values.add(run.getMetrics().get("tokens_per_s").getValue()));
        }
        return values;
    }

    /**
     * The aggregate with what differs between rigs by design cleared: its two wall-clock fields, when
     * each performance change was detected, and the retractions of the last evaluation (the replaced
     * rig retracts what the older version showed; a fresh one never saw it). The standing changes must
     * be the same.
     */
    private static ModelMetrics withoutTimes(ModelMetrics metrics) {
        ModelMetrics.Builder builder = ModelMetrics.newBuilder(metrics)
                .setUpdatedAt(Instant.EPOCH)
                .setConfigsAt(Instant.EPOCH)
                .setOldestPendingIngestAt(Instant.EPOCH);
        if (metrics.getChanges() != null) {
            builder.setChanges(ModelChanges.newBuilder(metrics.getChanges())
                    .setStanding(metrics.getChanges().getStanding().stream()
                            .map(change -> PerformanceChange.newBuilder(change).setDetectedAt(Instant.EPOCH).build())
                            .toList())
                    .setRetracted(List.of())
                    .build());
        }
        return builder.build();
    }
}
