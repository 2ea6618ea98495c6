package io.chimera.insight.platform.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.platform.sketch.SketchCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Per-parameter effects on a hand-made 3 × 2 sweep (keys A: a1, a2, a3 and B: b1, b2), whose
 * expected figures come from scipy 1.17.1 on the raw values (the session, abridged):
 * <pre>
 * tok  = {(a1,b1):[100,102,98], (a1,b2):[101,99], (a2,b1):[110,111,109], (a2,b2):[112,108],
 *         (a3,b1):[100,130,80], (a3,b2):[95,125]}
 * ttft = {(a1,b1):[50,52], (a1,b2):[51,49,50], (a2,b1):[60,61], (a2,b2):[59,62,58],
 *         (a3,b1):[50,53], (a3,b2):[52,48,51]}
 * levels pooled over the other key; CI = mean ± stats.t.ppf(0.975, n-1) * sd / sqrt(n) (checked to 1e-7:
 * commons-math3 solves the inverse t distribution to about 1e-9 of t)
 * tokens A: variance ratio 177 -> Welch (by its formula, p = stats.f.sf(F, k-1, df2)):
 *           F = 45.7267659644712, df2 = 7.124433797601634, p = 8.617979278938277e-05;
 *           (f_oneway would say F = 0.849, p = 0.452: the pooled variance hides the effect)
 *           eta2 = 0.12398042414355627, spread = 9.49367088607595 %
 *           a1: n 5, mean 100, CI 98.03675683852244 .. 101.96324316147756; a3: mean 106, median 100,
 *           CI 79.8807485393887 .. 132.1192514606113
 * tokens B: variance ratio 1.51 -> stats.f_oneway: F = 0.11409764125068568, p = 0.7409186430793788,
 *           eta2 = 0.008700380641653122; b1: n 9, mean 104.44444444444444, median 102,
 *           CI 94.15956897686009 .. 114.7293199120288
 * ttft A:   ratio 2.85 -> f_oneway: F = 58.986666666666665, p = 6.19386782691701e-07, eta2 = 0.9076733688961842
 * ttft B:   ratio 1.03 -> f_oneway: F = 0.1456431535269709, p = 0.7088991413909628
 * Holm over the four (by hand: sorted p times 4, 3, 2, 1, made non-decreasing, capped at 1):
 *           ttft A 2.477547130766804e-06, tokens A 2.585393783681483e-04, ttft B 1, tokens B 1
 * </pre>
 */
class ParameterEffectsTest {

    private static final Map<List<String>, double[]> TOKENS = new LinkedHashMap<>();
    private static final Map<List<String>, double[]> TTFT = new LinkedHashMap<>();

    static {
        TOKENS.put(List.of("a1", "b1"), new double[] {100, 102, 98});
        TOKENS.put(List.of("a1", "b2"), new double[] {101, 99});
        TOKENS.put(List.of("a2", "b1"), new double[] {110, 111, 109});
        TOKENS.put(List.of("a2", "b2"), new double[] {112, 108});
        TOKENS.put(List.of("a3", "b1"), new double[] {100, 130, 80});
        TOKENS.put(List.of("a3", "b2"), new double[] {95, 125});
        TTFT.put(List.of("a1", "b1"), new double[] {50, 52});
        TTFT.put(List.of("a1", "b2"), new double[] {51, 49, 50});
        TTFT.put(List.of("a2", "b1"), new double[] {60, 61});
        TTFT.put(List.of("a2", "b2"), new double[] {59, 62, 58});
        TTFT.put(List.of("a3", "b1"), new double[] {50, 53});
        TTFT.put(List.of("a3", "b2"), new double[] {52, 48, 51});
    }

    @Test
    void aLevelIsANumberExactlyWhenParseDoubleReadsItAsAFiniteOne() {
        // number() skips parseDouble (and its exception) for texts that cannot be finite numbers: the same answers.
        for (String level : List.of("512", " 0.7 ", "-2", "+3", ".5", "1e3", "1f", "2D", "0x1p3", "07", "-.25", "1.",
                "q4_0", "auto", "", "  ", "NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "e5", "x1", "_1", "1,5",
                "1e999")) {
            Double expected;
            try {
                double parsed = Double.parseDouble(level.trim());
                expected = Double.isFinite(parsed) ? parsed : null;
            } catch (NumberFormatException e) {
                expected = null;
            }
            assertThat(ParameterEffects.number(level)).as("level '%s'", level).isEqualTo(expected);
        }
    }

    @Test
    void levelsTestsEffectSizesAndHolmAdjustedPValuesMatchScipy() {
        ParameterEffects effects = ParameterEffects.of(sweep(new ArrayList<>(TOKENS.keySet())));

        ParameterEffect tokensA = effect(effects, ComparedMetric.TOKENS_PER_S, "A");
        assertThat(tokensA.test()).isEqualTo(EffectTest.WELCH_ANOVA);
        assertThat(tokensA.f()).isCloseTo(45.7267659644712, within(1e-9));
        assertThat(tokensA.df2()).isCloseTo(7.124433797601634, within(1e-9));
        assertThat(tokensA.pValue()).isCloseTo(8.617979278938277e-05, withPercentage(1e-6));
        assertThat(tokensA.etaSquared()).isCloseTo(0.12398042414355627, within(1e-12));
        assertThat(tokensA.spreadPercent()).isCloseTo(9.49367088607595, within(1e-9));
        LevelStats a1 = tokensA.levels().get(0);
        assertThat(a1.level()).isEqualTo("a1");
        assertThat(a1.count()).isEqualTo(5);
        assertThat(a1.configs()).isEqualTo(2);
        assertThat(a1.mean()).isCloseTo(100, within(1e-12));
        assertThat(a1.ciLow()).isCloseTo(98.03675683852244, within(1e-7));
        assertThat(a1.ciHigh()).isCloseTo(101.96324316147756, within(1e-7));
        LevelStats a3 = tokensA.levels().get(2);
        assertThat(a3.mean()).isCloseTo(106, within(1e-12));
        assertThat(a3.median()).isCloseTo(100, withPercentage(1));
        assertThat(a3.ciLow()).isCloseTo(79.8807485393887, within(1e-7));
        assertThat(a3.ciHigh()).isCloseTo(132.1192514606113, within(1e-7));

        ParameterEffect tokensB = effect(effects, ComparedMetric.TOKENS_PER_S, "B");
        assertThat(tokensB.test()).isEqualTo(EffectTest.ONE_WAY_ANOVA);
        assertThat(tokensB.f()).isCloseTo(0.11409764125068568, within(1e-12));
        assertThat(tokensB.pValue()).isCloseTo(0.7409186430793788, within(1e-12));
        assertThat(tokensB.etaSquared()).isCloseTo(0.008700380641653122, within(1e-12));
        LevelStats b1 = tokensB.levels().get(0);
        assertThat(b1.count()).isEqualTo(9);
        assertThat(b1.mean()).isCloseTo(104.44444444444444, within(1e-12));
        assertThat(b1.median()).isCloseTo(102, withPercentage(1));
        assertThat(b1.ciLow()).isCloseTo(94.15956897686009, within(1e-7));
        assertThat(b1.ciHigh()).isCloseTo(114.7293199120288, within(1e-7));

        ParameterEffect ttftA = effect(effects, ComparedMetric.TTFT_MS, "A");
        assertThat(ttftA.test()).isEqualTo(EffectTest.ONE_WAY_ANOVA);
        assertThat(ttftA.population()).isEqualTo("warm runs");
        assertThat(ttftA.f()).isCloseTo(58.986666666666665, within(1e-9));
        assertThat(ttftA.pValue()).isCloseTo(6.19386782691701e-07, withPercentage(1e-6));
        assertThat(ttftA.etaSquared()).isCloseTo(0.9076733688961842, within(1e-12));
        ParameterEffect ttftB = effect(effects, ComparedMetric.TTFT_MS, "B");
        assertThat(ttftB.pValue()).isCloseTo(0.7088991413909628, within(1e-12));

        assertThat(ttftA.adjustedP()).isCloseTo(2.477547130766804e-06, withPercentage(1e-6));
        assertThat(tokensA.adjustedP()).isCloseTo(2.585393783681483e-04, withPercentage(1e-6));
        assertThat(ttftB.adjustedP()).isEqualTo(1.0);
        assertThat(tokensB.adjustedP()).isEqualTo(1.0);
        assertThat(List.of(tokensA.significant(), tokensB.significant(), ttftA.significant(), ttftB.significant()))
                .containsExactly(true, false, true, false);
        // Ranked by share of variance explained, per metric.
        assertThat(effects.effects()).extracting(e -> e.metric().name() + ":" + e.key() + "#" + e.rank())
                .containsExactly("tokens_per_s:A#1", "tokens_per_s:B#2", "ttft_ms:A#1", "ttft_ms:B#2");
    }

    @Test
    void holmMatchesAHandComputation() {
        // p = [0.01, 0.04, 0.03, 0.005, 0.2]: sorted 0.005*5 = 0.025, 0.01*4 = 0.04, 0.03*3 = 0.09,
        // 0.04*2 = 0.08 -> 0.09 (non-decreasing), 0.2*1 = 0.2.
        assertThat(HolmCorrection.adjust(new double[] {0.01, 0.04, 0.03, 0.005, 0.2}))
                .containsExactly(new double[] {0.04, 0.09, 0.09, 0.025, 0.2}, within(1e-15));
    }

    /**
     * Holm with tied p-values and a step that must be carried up. scipy has no Holm (its
     * false_discovery_control is Benjamini–Hochberg), so the reference is Holm's step-down written in numpy:
     * <pre>
     * p = np.array([0.04, 0.001, 0.03, 0.03, 0.5, 0.012]); m = len(p); o = np.argsort(p, kind='stable')
     * run = 0; for i, k in enumerate(o): run = max(run, min(1, (m - i) * p[k])); adj[k] = run
     * adj -> [0.12, 0.006, 0.12, 0.12, 0.5, 0.06]
     * </pre>
     */
    @Test
    void holmMatchesANumpyReferenceWithTies() {
        assertThat(HolmCorrection.adjust(new double[] {0.04, 0.001, 0.03, 0.03, 0.5, 0.012}))
                .containsExactly(new double[] {0.12, 0.006, 0.12, 0.12, 0.5, 0.06}, within(1e-15));
    }

    @Test
    void withOneRunPerLevelAndNoOtherReplicationNothingIsTested() {
        ModelMetrics metrics = ModelMetrics.newBuilder().setModel("m").setConfigs(List.of(
                config(List.of("a1", "b1"), new double[] {100}, new double[] {50}),
                config(List.of("a2", "b1"), new double[] {110}, new double[] {60}))).build();

        ParameterEffect tokensA = effect(ParameterEffects.of(metrics), ComparedMetric.TOKENS_PER_S, "A");
        assertThat(tokensA.test()).isEqualTo(EffectTest.NOT_TESTED);
        assertThat(tokensA.pValue()).isNull();
        assertThat(tokensA.significant()).isFalse();
        assertThat(tokensA.levels().get(0).ciLow()).isNull();
        // B has one level only: no effect to report.
        assertThat(ParameterEffects.of(metrics).effects()).extracting(ParameterEffect::key).containsOnly("A");
    }

    @Test
    void withoutLoadDurationsTtftIsOverAllRunsAndSaysSo() {
        ModelMetrics metrics = ModelMetrics.newBuilder(sweep(new ArrayList<>(TOKENS.keySet())))
                .setColdStart(ColdStart.newBuilder().setStatus(ColdStartStatus.NO_LOAD_DURATION).build()).build();

        ParameterEffect ttftA = effect(ParameterEffects.of(metrics), ComparedMetric.TTFT_MS, "A");
        assertThat(ttftA.population()).startsWith("all successful runs (no load durations");
        // All-run TTFT carries the planted 1000 ms cold run of (a1, b1): a1's mean moves.
        assertThat(ttftA.levels().get(0).mean()).isGreaterThan(100);
    }

    /** Load durations in the aggregate but none in its split: state from before the split, and the population says so. */
    @Test
    void loadDurationsCountedBeforeTheSplitAreNamedAsSuchNotAsMissing() {
        ModelMetrics metrics = ModelMetrics.newBuilder(sweep(new ArrayList<>(TOKENS.keySet())))
                .setMetrics(Map.of(CanonicalMetric.LOAD_DURATION_MS.canonicalName(),
                        StatsFixtures.stats("ms", 4, 300, 400)))
                .setColdStart(ColdStart.newBuilder().setStatus(ColdStartStatus.NO_LOAD_DURATION).build()).build();

        ParameterEffect ttftA = effect(ParameterEffects.of(metrics), ComparedMetric.TTFT_MS, "A");
        assertThat(ttftA.population()).isEqualTo("all successful runs (load durations not recorded before upgrade: "
                + "re-ingest to classify; cold starts not excluded)");
    }

    /** Property: the same runs split into configuration entries differently (as files merge) give the same effects. */
    @Test
    void howTheRunsOfAConfigurationWereMergedDoesNotChangeTheEffects() {
        ParameterEffects reference = ParameterEffects.of(sweep(new ArrayList<>(TOKENS.keySet())));
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            List<List<String>> cells = new ArrayList<>(TOKENS.keySet());
            Collections.shuffle(cells, random);
            ParameterEffects shuffled = ParameterEffects.of(sweep(cells));
            for (int i = 0; i < reference.effects().size(); i++) {
                ParameterEffect expected = reference.effects().get(i);
                ParameterEffect actual = shuffled.effects().get(i);
                assertThat(actual.key()).isEqualTo(expected.key());
                assertThat(actual.pValue()).isCloseTo(expected.pValue(), within(1e-12));
                assertThat(actual.etaSquared()).isCloseTo(expected.etaSquared(), within(1e-12));
                assertThat(actual.levels()).extracting(LevelStats::count)
                        .isEqualTo(expected.levels().stream().map(LevelStats::count).toList());
            }
        }
    }

    /**
     * num_ctx and num_gpu move together (2048 with 40, 4096 with 80), crossed with temperature: both keys split
     * the runs into the same two groups, so they have the same eta² and share rank 1, each naming the other;
     * temperature is third, not second ("1, 1, 3"), and the label names the pair, never one of them alone.
     */
    @Test
    void confoundedKeysShareTheirRankAndNameEachOther() {
        List<ConfigStats> configs = new ArrayList<>();
        double[][] tokens = {{100, 102}, {101, 99}, {120, 118}, {119, 121}};
        String[][] cells = {{"2048", "40", "0.2"}, {"2048", "40", "0.8"}, {"4096", "80", "0.2"}, {"4096", "80", "0.8"}};
        for (int i = 0; i < cells.length; i++) {
            Map<String, String> config = Map.of("num_ctx", cells[i][0], "num_gpu", cells[i][1], "temperature",
                    cells[i][2]);
            configs.add(ConfigStats.newBuilder().setConfigKey(String.join(",", cells[i])).setConfig(config)
                    .setRuns(2).setMetrics(Map.of("tokens_per_s", stats("tokens/s", tokens[i]))).build());
        }
        ParameterEffects effects = ParameterEffects.of(ModelMetrics.newBuilder().setModel("m").setConfigs(configs)
                .build());

        ParameterEffect ctx = effect(effects, ComparedMetric.TOKENS_PER_S, "num_ctx");
        ParameterEffect gpu = effect(effects, ComparedMetric.TOKENS_PER_S, "num_gpu");
        ParameterEffect temperature = effect(effects, ComparedMetric.TOKENS_PER_S, "temperature");
        assertThat(ctx.rank()).isEqualTo(1);
        assertThat(gpu.rank()).isEqualTo(1);
        assertThat(temperature.rank()).isEqualTo(3);
        assertThat(ctx.confoundedWith()).containsExactly("num_gpu");
        assertThat(gpu.confoundedWith()).containsExactly("num_ctx");
        assertThat(temperature.confoundedWith()).isEmpty();
        assertThat(ctx.label()).isEqualTo("num_ctx = num_gpu (confounded)").isEqualTo(gpu.label());
        assertThat(temperature.label()).isEqualTo("temperature");
        assertThat(ctx.etaSquared()).isCloseTo(gpu.etaSquared(), within(1e-12));
    }

    private static ParameterEffect effect(ParameterEffects effects, ComparedMetric metric, String key) {
        return effects.effects().stream().filter(e -> e.metric().equals(metric) && e.key().equals(key))
                .findFirst().orElseThrow();
    }

    /** The sweep, its configurations in the order given; all-run TTFT has a cold 1000 ms run added to (a1, b1). */
    private static ModelMetrics sweep(List<List<String>> cells) {
        List<ConfigStats> configs = new ArrayList<>();
        for (List<String> cell : cells) {
            configs.add(config(cell, TOKENS.get(cell), TTFT.get(cell)));
        }
        return ModelMetrics.newBuilder().setModel("m").setConfigs(configs)
                .setColdStart(ColdStart.newBuilder().setStatus(ColdStartStatus.CLASSIFIED).build()).build();
    }

    private static ConfigStats config(List<String> cell, double[] tokens, double[] warmTtft) {
        double[] allTtft = cell.equals(List.of("a1", "b1")) ? append(warmTtft, 1000) : warmTtft;
        return ConfigStats.newBuilder().setConfigKey("A=" + cell.get(0) + ",B=" + cell.get(1))
                .setConfig(Map.of("A", cell.get(0), "B", cell.get(1))).setRuns(tokens.length)
                .setMetrics(Map.of("tokens_per_s", stats("tokens/s", tokens), "ttft_ms", stats("ms", allTtft)))
                .setWarmMetrics(Map.of("ttft_ms", stats("ms", warmTtft))).build();
    }

    private static double[] append(double[] values, double value) {
        double[] more = java.util.Arrays.copyOf(values, values.length + 1);
        more[values.length] = value;
        return more;
    }

    /** What the aggregation publishes for these values: exact moments and a 1 % sketch. */
    private static MetricStats stats(String unit, double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double m2 = 0;
        DDSketch sketch = DDSketches.logarithmicUnboundedDense(0.01);
        for (double v : values) {
            m2 += (v - mean) * (v - mean);
            sketch.accept(v);
        }
        return MetricStats.newBuilder().setUnit(unit).setCount(values.length).setMean(mean).setM2(m2)
                .setStddev(values.length < 2 ? 0 : Math.sqrt(m2 / (values.length - 1)))
                .setSketch(ByteBuffer.wrap(SketchCodec.encode(sketch))).build();
    }
}
