package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What model-metrics says, checked against figures computed in the test from the input list. */
class AggregationStatisticsTest {

    private static final String GEMMA = "gemma3:270m";
    private static final String LLAMA = "llama3.1:8b";
    private static final Map<String, String> CTX_2048 = ordered("temperature", "0.7", "num_ctx", "2048");
    private static final Map<String, String> CTX_4096 = ordered("temperature", "0.7", "num_ctx", "4096");

    @TempDir
    Path stateDir;
    private AggregationRig rig;

    @BeforeEach
    void start() {
        rig = new AggregationRig(AggregationSettings.defaults(), stateDir);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void eachConfigurationKnowsItsFilesAndWhenItWasFirstAndLastSeen() {
        TestFile early = TestFile.of("early.csv", "v1", AggregationRig.START);
        TestFile late = TestFile.of("late.csv", "v1", AggregationRig.START.plusSeconds(30));
        rig.publish(early.run(GEMMA, 0, CTX_2048, Map.of("tokens_per_s", 100.0)));
        rig.publish(late.run(GEMMA, 0, CTX_2048, Map.of("tokens_per_s", 110.0)));
        rig.publish(late.run(GEMMA, 1, CTX_4096, Map.of("tokens_per_s", 90.0)));
        rig.settle();

        List<ConfigStats> configs = rig.latest(GEMMA).getConfigs();
        assertThat(configs).extracting(ConfigStats::getConfigKey, ConfigStats::getFiles, ConfigStats::getFirstSeen,
                ConfigStats::getLastSeen).containsExactly(
                tuple("num_ctx=2048,temperature=0.7", List.of("results/early.csv", "results/late.csv"),
                        AggregationRig.START, AggregationRig.START.plusSeconds(30)),
                tuple("num_ctx=4096,temperature=0.7", List.of("results/late.csv"),
                        AggregationRig.START.plusSeconds(30), AggregationRig.START.plusSeconds(30)));
    }

    @Test
    void perModelStatisticsAreExactAndPercentilesWithinTheSketchGuarantee() {
        Random random = new Random(11);
        List<Double> gemmaTokens = new ArrayList<>();
        List<Double> gemmaTtft = new ArrayList<>();
        List<Double> llamaTokens = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            TestFile file = TestFile.of("sweep-" + f + ".csv", "v1", AggregationRig.START.plusSeconds(f));
            for (int row = 0; row < 100; row++) {
                double tokens = 150 + 60 * random.nextGaussian();
                double ttft = 40 + 400 * random.nextDouble() * random.nextDouble();
                gemmaTokens.add(tokens);
                gemmaTtft.add(ttft);
                rig.publish(file.run(GEMMA, row, CTX_2048, Map.of("tokens_per_s", tokens, "ttft_ms", ttft)));
                if (row % 2 == 0) {
                    double llama = 35 + 5 * random.nextGaussian();
                    llamaTokens.add(llama);
                    rig.publish(file.run(LLAMA, row, CTX_2048, Map.of("tokens_per_s", llama)));
                }
            }
        }
        rig.settle();

        ModelMetrics gemma = rig.latest(GEMMA);
        assertThat(gemma.getModel()).isEqualTo(GEMMA);
        assertThat(gemma.getRuns()).isEqualTo(300);
        assertThat(gemma.getFailedRuns()).isZero();
        assertThat(gemma.getSummaryRecords()).isZero();
        assertThat(gemma.getFiles()).containsExactly("results/sweep-0.csv", "results/sweep-1.csv", "results/sweep-2.csv");
        assertThat(gemma.getFirstSeen()).isEqualTo(AggregationRig.START);
        assertThat(gemma.getLastSeen()).isEqualTo(AggregationRig.START.plusSeconds(2));
        assertThat(gemma.getMetrics()).containsOnlyKeys("tokens_per_s", "ttft_ms");
        new PlainStats(gemmaTokens).assertMatches(gemma.getMetrics().get("tokens_per_s"), "tokens/s");
        new PlainStats(gemmaTtft).assertMatches(gemma.getMetrics().get("ttft_ms"), "ms");

        ModelMetrics llama = rig.latest(LLAMA);
        assertThat(llama.getRuns()).isEqualTo(150);
        new PlainStats(llamaTokens).assertMatches(llama.getMetrics().get("tokens_per_s"), "tokens/s");
    }

    @Test
    void eachConfigurationIsAggregatedApartUnderASortedKey() {
        TestFile file = TestFile.of("ctx.csv", "v1", AggregationRig.START);
        Random random = new Random(12);
        List<Double> small = new ArrayList<>();
        List<Double> large = new ArrayList<>();
        for (int row = 0; row < 120; row++) {
            boolean isLarge = row % 3 == 0;
            double tokens = isLarge ? 90 + 10 * random.nextGaussian() : 140 + 12 * random.nextGaussian();
            (isLarge ? large : small).add(tokens);
            rig.publish(file.run(GEMMA, row, isLarge ? CTX_4096 : CTX_2048, Map.of("tokens_per_s", tokens)));
        }
        rig.settle();

        ModelMetrics gemma = rig.latest(GEMMA);
        assertThat(gemma.getConfigs()).extracting(ConfigStats::getConfigKey)
                .containsExactly("num_ctx=2048,temperature=0.7", "num_ctx=4096,temperature=0.7");
        ConfigStats ctx2048 = gemma.getConfigs().get(0);
        ConfigStats ctx4096 = gemma.getConfigs().get(1);
        assertThat(ctx2048.getConfig()).containsExactlyInAnyOrderEntriesOf(CTX_2048);
        assertThat(ctx2048.getRuns()).isEqualTo(80);
        assertThat(ctx4096.getRuns()).isEqualTo(40);
        new PlainStats(small).assertMatches(ctx2048.getMetrics().get("tokens_per_s"), "tokens/s");
        new PlainStats(large).assertMatches(ctx4096.getMetrics().get("tokens_per_s"), "tokens/s");

        List<Double> all = new ArrayList<>(small);
        all.addAll(large);
        new PlainStats(all).assertMatches(gemma.getMetrics().get("tokens_per_s"), "tokens/s");
    }

    @Test
    void failedRunsAreCountedButTheirNumbersAreNotUsed() {
        TestFile file = TestFile.of("oom.csv", "v1", AggregationRig.START);
        List<Double> ok = List.of(120.0, 130.0, 125.0, 128.0);
        for (int row = 0; row < ok.size(); row++) {
            rig.publish(file.run(GEMMA, row, CTX_2048, Map.of("tokens_per_s", ok.get(row))));
        }
        rig.publish(file.failedRun(GEMMA, 10, CTX_4096, Map.of("tokens_per_s", 0.0)));
        rig.publish(file.failedRun(GEMMA, 11, CTX_2048, Map.of("tokens_per_s", 99999.0)));
        rig.settle();

        ModelMetrics gemma = rig.latest(GEMMA);
        assertThat(gemma.getRuns()).isEqualTo(6);
        assertThat(gemma.getFailedRuns()).isEqualTo(2);
        new PlainStats(ok).assertMatches(gemma.getMetrics().get("tokens_per_s"), "tokens/s");
        assertThat(gemma.getConfigs()).extracting(ConfigStats::getConfigKey, ConfigStats::getRuns, ConfigStats::getFailedRuns)
                .containsExactly(
                        tuple("num_ctx=2048,temperature=0.7", 5L, 1L),
                        tuple("num_ctx=4096,temperature=0.7", 1L, 1L));
        // A config whose only run failed is listed, with no statistics.
        assertThat(gemma.getConfigs().get(1).getMetrics()).isEmpty();
    }

    @Test
    void summaryRecordsAreCountedApartFromRuns() {
        TestFile file = TestFile.of("with-averages.md", "v1", AggregationRig.START);
        List<Double> samples = List.of(100.0, 110.0, 90.0);
        for (int row = 0; row < samples.size(); row++) {
            rig.publish(file.run(GEMMA, row, CTX_2048, Map.of("tokens_per_s", samples.get(row))));
        }
        rig.publish(file.summary(GEMMA, 20, CTX_2048, Map.of("tokens_per_s", 5000.0)));
        rig.publish(file.summary(GEMMA, 21, CTX_4096, Map.of("tokens_per_s", 7000.0)));
        rig.settle();

        ModelMetrics gemma = rig.latest(GEMMA);
        assertThat(gemma.getRuns()).isEqualTo(3);
        assertThat(gemma.getSummaryRecords()).isEqualTo(2);
        new PlainStats(samples).assertMatches(gemma.getMetrics().get("tokens_per_s"), "tokens/s");
        // The 4096 config only appears in a summary: it has no runs to describe.
        assertThat(gemma.getConfigs()).extracting(ConfigStats::getConfigKey).containsExactly("num_ctx=2048,temperature=0.7");
        assertThat(gemma.getConfigs().get(0).getRuns()).isEqualTo(3);
    }

    @Test
    void oneNameInTwoUnitsIsNeverAveragedTogether() {
        TestFile file = TestFile.of("mixed.json", "v1", AggregationRig.START);
        rig.publish(file.run(GEMMA, 0, Map.of(), Map.of()));
        rig.publish(withUnit(file.run(GEMMA, 1, Map.of(), Map.of("latency", 2.0)), "latency", "s"));
        rig.publish(withUnit(file.run(GEMMA, 2, Map.of(), Map.of("latency", 1500.0)), "latency", "ms"));
        rig.settle();

        ModelMetrics gemma = rig.latest(GEMMA);
        assertThat(gemma.getMetrics()).containsOnlyKeys("latency (ms)", "latency (s)");
        assertThat(gemma.getMetrics().get("latency (s)").getMean()).isEqualTo(2.0);
        assertThat(gemma.getMetrics().get("latency (ms)").getMean()).isEqualTo(1500.0);
        assertThat(gemma.getConfigs()).extracting(ConfigStats::getConfigKey).containsExactly("");
    }

    private static BenchmarkRun withUnit(BenchmarkRun run, String metric, String unit) {
        run.getMetrics().get(metric).setUnit(unit);
        return run;
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
