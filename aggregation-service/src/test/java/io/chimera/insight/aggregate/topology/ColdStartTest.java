package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.stats.InteractionTest;
import io.chimera.insight.platform.stats.KeyInteraction;
import io.chimera.insight.platform.stats.KeyInteractions;
import io.chimera.insight.platform.stats.ParameterEffect;
import io.chimera.insight.platform.stats.ParameterEffects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold and warm runs in model-metrics, on the gemma3 270m sweep of the examples, where the first run
 * after each num_gpu/num_ctx change (temperature 0.2) paid a ~1 s model load.
 *
 * <p>Expected figures computed from the CSV by hand, in a python3 session (statistics module):
 * <pre>
 * rows = [r for r in csv.DictReader(open('gemma3_270m_param_tuning.csv')) if not r['error']]
 * load = [float(r['load_s']) * 1000 for r in rows]        # 34 runs
 * m = median(load); mad = median(abs(x - m) for x in load)  # 57.899 ms, 8.689 ms
 * cold = load > m + max(5 * mad, 200)                       # 257.9 ms: 11 cold, 23 warm
 * median warm ttft_s * 1000   -> 64.8745
 * median cold ttft_s * 1000   -> 1204.4553
 * median cold load_s * 1000   -> 1002.8815
 * mean warm tokens_s          -> 288.13784779362425
 * </pre>
 */
class ColdStartTest {

    private static final String GEMMA = "gemma3:270m";
    private static final Path SWEEP = Path.of("../examples/benchmarks/reports/gemma3/gemma3_270m_param_tuning.csv");

    @TempDir
    Path stateDir;

    @Test
    void theGemmaSweepHasElevenColdRunsOfThirtyFourAndItsWarmTtftMedianIsTheHandValue() throws IOException {
        ModelMetrics metrics = aggregate(List.of(sweepRuns(TestFile.of("sweep.csv", "v1", AggregationRig.START))));

        ColdStart cold = metrics.getColdStart();
        assertThat(metrics.getRuns()).isEqualTo(36);
        assertThat(metrics.getFailedRuns()).isEqualTo(2);
        assertThat(cold.getStatus()).isEqualTo(ColdStartStatus.CLASSIFIED);
        assertThat(cold.getColdRuns()).isEqualTo(11);
        assertThat(cold.getWarmRuns()).isEqualTo(23);
        assertThat(cold.getUnclassifiedRuns()).isZero();
        assertThat(cold.getWarm().get("ttft_ms").getP50()).isCloseTo(64.8745, withPercentage(1));
        assertThat(cold.getCold().get("ttft_ms").getP50()).isCloseTo(1204.4553, withPercentage(1));
        assertThat(cold.getCold().get("load_duration_ms").getP50()).isCloseTo(1002.8815, withPercentage(1));
        assertThat(cold.getWarm().get("tokens_per_s").getMean()).isCloseTo(288.13784779362425, within(1e-9));
        assertThat(cold.getWarm().get("tokens_per_s").getCount() + cold.getCold().get("tokens_per_s").getCount())
                .isEqualTo(metrics.getMetrics().get("tokens_per_s").getCount());

        for (ConfigStats config : metrics.getConfigs()) {
            boolean firstAfterChange = config.getConfig().get("temperature").equals("0.2");
            long successful = config.getRuns() - config.getFailedRuns();
            assertThat(config.getColdRuns()).as(config.getConfigKey()).isEqualTo(firstAfterChange ? successful : 0);
            assertThat(config.getWarmMetrics().isEmpty()).as(config.getConfigKey())
                    .isEqualTo(firstAfterChange || successful == 0);
        }
    }

    /**
     * Interactions of the sweep's keys, each pair pooled over the third, from the aggregate. Expected from
     * the CSV with numpy's lstsq two-way ANOVA with interaction (as in platform's KeyInteractionsTest):
     * <pre>
     * tokens/s, successful runs; TTFT, warm runs (load_s &lt;= 0.5: the same 23 as the rule above)
     * tok  num_ctx x num_gpu: F = 11.705029135007608, df (6, 22), p = 6.777402124869256e-06,
     *      eta2 = 0.4033528649238686, largest deviation at (1024, 60): -16.283377960347707 % (one run, 212.7)
     * tok  num_ctx x temperature: p = 0.7703744737987142; num_gpu x temperature: p = 0.17512106685899376
     * ttft num_ctx x num_gpu: F = 4.417467432618827, df (6, 11), p = 0.016237065182909155
     * Holm over the six: 4.066441274921553e-05, 1.0, 0.700484267435975, 0.08118532591454578, 1.0, 1.0
     * </pre>
     */
    @Test
    void theGemmaSweepsThroughputDependsOnNumCtxAndNumGpuTogether() throws IOException {
        KeyInteractions found = KeyInteractions.of(aggregate(List.of(sweepRuns(TestFile.of("sweep.csv", "v1",
                AggregationRig.START)))));

        assertThat(found.interactions()).extracting(i -> i.metric().name() + ":" + i.keyA() + "x" + i.keyB())
                .containsExactly("tokens_per_s:num_ctxxnum_gpu", "tokens_per_s:num_ctxxtemperature",
                        "tokens_per_s:num_gpuxtemperature", "ttft_ms:num_ctxxnum_gpu", "ttft_ms:num_ctxxtemperature",
                        "ttft_ms:num_gpuxtemperature");
        KeyInteraction throughput = found.interactions().get(0);
        assertThat(throughput.test()).isEqualTo(InteractionTest.TWO_WAY_ANOVA);
        assertThat(throughput.f()).isCloseTo(11.705029135007608, within(1e-9));
        assertThat(throughput.df2()).isEqualTo(22.0);
        assertThat(throughput.pValue()).isCloseTo(6.777402124869256e-06, withPercentage(1e-4));
        assertThat(throughput.etaSquared()).isCloseTo(0.4033528649238686, within(1e-9));
        assertThat(throughput.largestDeviationPercent()).isCloseTo(-16.283377960347707, within(1e-9));
        assertThat(throughput.largestDeviationCount()).isEqualTo(1);
        assertThat(found.interactions()).extracting(KeyInteraction::adjustedP)
                .usingElementComparator((a, b) -> Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) ? 0 : 1)
                .containsExactly(4.066441274921553e-05, 1.0, 0.700484267435975, 0.08118532591454578, 1.0, 1.0);
        assertThat(found.interactions()).extracting(KeyInteraction::flagged)
                .containsExactly(true, false, false, false, false, false);
        assertThat(found.confounded()).isEmpty();
    }

    @Test
    void runsWithoutALoadDurationAreNeitherColdNorWarm() {
        TestFile file = TestFile.of("no-load.csv", "v1", AggregationRig.START);
        ModelMetrics metrics = aggregate(List.of(List.of(
                file.run(GEMMA, 0, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 100.0, "ttft_ms", 50.0)),
                file.run(GEMMA, 1, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 90.0, "ttft_ms", 900.0)))));

        ColdStart cold = metrics.getColdStart();
        assertThat(cold.getStatus()).isEqualTo(ColdStartStatus.NO_LOAD_DURATION);
        assertThat(cold.getUnclassifiedRuns()).isEqualTo(2);
        assertThat(cold.getColdRuns() + cold.getWarmRuns()).isZero();
        assertThat(cold.getWarm()).isEmpty();
        assertThat(metrics.getConfigs().get(0).getWarmMetrics()).isEmpty();
    }

    /**
     * Property: however a model's runs are split into files, and in whatever order the files arrive, the
     * cold/warm split, and the per-parameter effects and key interactions computed from the aggregate, are the same.
     */
    @Test
    void splittingTheRunsAcrossFilesInAnyOrderGivesTheSameColdWarmSplit() throws IOException {
        List<BenchmarkRun> template = sweepRuns(TestFile.of("whole.csv", "v1", AggregationRig.START));
        ModelMetrics whole = aggregate(List.of(template));
        Random random = new Random(20261205L);
        for (int trial = 0; trial < 8; trial++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < template.size(); i++) {
                rows.add(i);
            }
            Collections.shuffle(rows, random);
            int files = 2 + random.nextInt(5);
            List<List<BenchmarkRun>> batches = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                batches.add(new ArrayList<>());
            }
            for (int row : rows) {
                int f = random.nextInt(files);
                TestFile file = TestFile.of("part-" + f + ".csv", "v1", AggregationRig.START.plusSeconds(f));
                BenchmarkRun run = BenchmarkRun.newBuilder(template.get(row)).setFileId(file.fileId())
                        .setFileSha256(file.sha256()).setPath(file.path()).setRunId(file.fileId() + "#" + row).build();
                batches.get(f).add(run);
            }
            Collections.shuffle(batches, random);
            ModelMetrics split = aggregate(batches);

            assertSameSplit(split.getColdStart(), whole.getColdStart());
            assertSameEffects(ParameterEffects.of(split), ParameterEffects.of(whole));
            assertSameInteractions(KeyInteractions.of(split), KeyInteractions.of(whole));
            for (int c = 0; c < whole.getConfigs().size(); c++) {
                ConfigStats expected = whole.getConfigs().get(c);
                ConfigStats actual = split.getConfigs().get(c);
                assertThat(actual.getColdRuns()).isEqualTo(expected.getColdRuns());
                assertSameSides(actual.getWarmMetrics(), expected.getWarmMetrics());
            }
        }
    }

    private static void assertSameEffects(ParameterEffects actual, ParameterEffects expected) {
        assertThat(actual.effects()).hasSameSizeAs(expected.effects());
        for (int i = 0; i < expected.effects().size(); i++) {
            ParameterEffect want = expected.effects().get(i);
            ParameterEffect got = actual.effects().get(i);
            assertThat(got.key()).isEqualTo(want.key());
            assertThat(got.test()).isEqualTo(want.test());
            assertThat(got.rank()).isEqualTo(want.rank());
            assertThat(got.adjustedP()).isCloseTo(want.adjustedP(), within(1e-9));
            assertThat(got.etaSquared()).isCloseTo(want.etaSquared(), within(1e-9));
            for (int l = 0; l < want.levels().size(); l++) {
                assertThat(got.levels().get(l).count()).isEqualTo(want.levels().get(l).count());
                assertThat(got.levels().get(l).median()).isEqualTo(want.levels().get(l).median());
                assertThat(got.levels().get(l).mean()).isCloseTo(want.levels().get(l).mean(), within(1e-9));
            }
        }
    }

    private static void assertSameInteractions(KeyInteractions actual, KeyInteractions expected) {
        assertThat(actual.interactions()).hasSameSizeAs(expected.interactions());
        for (int i = 0; i < expected.interactions().size(); i++) {
            KeyInteraction want = expected.interactions().get(i);
            KeyInteraction got = actual.interactions().get(i);
            assertThat(got.keyA() + got.keyB() + got.test()).isEqualTo(want.keyA() + want.keyB() + want.test());
            assertThat(got.f()).isCloseTo(want.f(), within(1e-9 * want.f()));
            assertThat(got.adjustedP()).isCloseTo(want.adjustedP(), within(1e-9));
            assertThat(got.etaSquared()).isCloseTo(want.etaSquared(), within(1e-9));
        }
        assertThat(actual.confounded()).isEqualTo(expected.confounded());
    }

    private static void assertSameSplit(ColdStart actual, ColdStart expected) {
        assertThat(actual.getColdRuns()).isEqualTo(expected.getColdRuns());
        assertThat(actual.getWarmRuns()).isEqualTo(expected.getWarmRuns());
        assertThat(actual.getThresholdMs()).isEqualTo(expected.getThresholdMs());
        assertSameSides(actual.getCold(), expected.getCold());
        assertSameSides(actual.getWarm(), expected.getWarm());
    }

    /** Counts, extremes and sketches do not depend on order; a mean only in its last bits. */
    private static void assertSameSides(Map<String, MetricStats> actual, Map<String, MetricStats> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, stats) -> {
            MetricStats other = actual.get(name);
            assertThat(other.getCount()).isEqualTo(stats.getCount());
            assertThat(other.getMin()).isEqualTo(stats.getMin());
            assertThat(other.getMax()).isEqualTo(stats.getMax());
            assertThat(other.getP50()).isEqualTo(stats.getP50());
            assertThat(other.getMean()).isCloseTo(stats.getMean(), within(1e-9 * Math.abs(stats.getMean())));
        });
    }

    private ModelMetrics aggregate(List<List<BenchmarkRun>> files) {
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir.resolve("s" + System.nanoTime()))) {
            files.forEach(rig::publish);
            rig.settle();
            return rig.latest(GEMMA);
        }
    }

    /** The example CSV as ingest normalises it: seconds to ms, a row with an error is a failed run. */
    private static List<BenchmarkRun> sweepRuns(TestFile file) throws IOException {
        List<String> lines = Files.readAllLines(SWEEP, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 1; row < lines.size(); row++) {
            String[] cells = lines.get(row).split(",", -1);
            Map<String, String> value = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                value.put(header.get(i), cells[i]);
            }
            Map<String, String> config = Map.of("num_gpu", value.get("num_gpu"), "num_ctx", value.get("num_ctx"),
                    "temperature", value.get("temperature"));
            if (!value.get("error").isEmpty()) {
                runs.add(file.failedRun(GEMMA, row, config, Map.of()));
                continue;
            }
            runs.add(file.run(GEMMA, row, config, Map.of(
                    "ttft_ms", Double.parseDouble(value.get("ttft_s")) * 1000,
                    "tokens_per_s", Double.parseDouble(value.get("tokens_s")),
                    "load_duration_ms", Double.parseDouble(value.get("load_s")) * 1000)));
        }
        return runs;
    }
}
