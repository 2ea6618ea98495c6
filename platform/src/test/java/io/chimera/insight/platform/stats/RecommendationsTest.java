package io.chimera.insight.platform.stats;

import static io.chimera.insight.platform.stats.StatsFixtures.config;
import static io.chimera.insight.platform.stats.StatsFixtures.measured;
import static io.chimera.insight.platform.stats.StatsFixtures.tokensPerS;
import static io.chimera.insight.platform.stats.StatsFixtures.ttftMs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendationsTest {

    private static final String TOKENS = ComparedMetric.TOKENS_PER_S.name();
    private static final String TTFT = ComparedMetric.TTFT_MS.name();

    /**
     * (a) A 3 × 3 sweep, num_gpu {0, 80, 999} × num_ctx {1024, 2048, 4096}, one run per configuration:
     * no configuration is ever called best; the keys are judged from their pooled levels. Reference
     * figures from scipy 1.17 on the raw values (the session, abridged: {@code stats.f_oneway(*levels)} for the
     * one-way test; Welch's ANOVA by its formula with {@code p = stats.f.sf(F, k - 1, df2)}; the variance ratio
     * rule and Holm as {@link ParameterEffects} applies them):
     * <pre>
     * tokens num_gpu: variance ratio 9.22 > 4 -> Welch's ANOVA, p = 9.182498010443222e-08, eta2 = 0.99980
     *   levels (mean ± stats.t.ppf(0.975, 2) * sd / sqrt(3)):
     *   0: 30.133 [28.517, 31.750]; 80: 200.133 [195.225, 205.041]; 999: 200.767 [197.661, 203.873]
     *   -> best lower bound 999 (197.66); 80's interval overlaps it, 0's does not: "num_gpu 80–999 ≈ equal"
     * tokens num_ctx: ratio 1.02 -> stats.f_oneway: p = 0.9995725655197987, eta2 = 0.00014249846491508526
     * ttft num_gpu: ratio 633 -> Welch, p = 3.104681477057796e-05;
     *   80: 61.0 [58.516, 63.484]; 999: 61.333 [55.082, 67.585] -> best upper bound 80, 999 overlaps
     * ttft num_ctx: f_oneway p = 0.9990199968239772
     * Holm over the four: [3.67299920e-07, 1, 9.31404443e-05, 1] (tokens num_gpu, tokens num_ctx, ttft num_gpu, ttft num_ctx)
     * </pre>
     */
    @Test
    void withOneRunPerConfigurationNoConfigurationIsNamedAndEachKeyIsJudgedByItsLevels() {
        ModelMetrics sweep = singleRunSweep();

        Recommendations recommendations = Recommendations.of(sweep);

        assertThat(recommendations.all()).extracting(Recommendation::kind).doesNotContain(RecommendationKind.CONFIGURATION);
        assertThat(recommendations.all()).extracting(Recommendation::reason).noneMatch(r -> r.contains("Best of"));
        assertThat(Recommendations.bestConfiguration(sweep, ComparedMetric.TOKENS_PER_S)).isEmpty();
        assertThat(Recommendations.bestConfiguration(sweep, ComparedMetric.TTFT_MS)).isEmpty();
        assertThat(recommendations.all()).extracting(r -> r.metric().name() + " " + r.setting())
                .containsExactly(TOKENS + " num_gpu=80–999", TOKENS + " num_ctx", TTFT + " num_gpu=80–999",
                        TTFT + " num_ctx");

        Recommendation gpu = recommendations.all().get(0);
        assertThat(gpu.kind()).isEqualTo(RecommendationKind.PARAMETER);
        assertThat(gpu.reason()).isEqualTo("num_gpu 80–999 ≈ equal for tokens/s: the best level, 999, has mean 200.8 "
                + "(n = 3, 95 % CI [197.7, 203.9]) and the CI of 80 overlaps it; its levels differ beyond noise "
                + "(Welch's ANOVA, Holm-adjusted p < 0.001, η² = 1), pooled over the other keys: an association, "
                + "not a proven cause.");
        assertThat(gpu.n()).isEqualTo(3);
        assertThat(gpu.ciLow()).isCloseTo(197.6606665914515, within(1e-7));
        assertThat(gpu.ciHigh()).isCloseTo(203.8726667418818, within(1e-7));

        Recommendation ctx = recommendations.all().get(1);
        assertThat(ctx.reason()).isEqualTo("num_ctx has no measurable effect on tokens/s (one-way ANOVA, "
                + "Holm-adjusted p = 1, η² = 0.000142; n = 9 over 3 levels): not distinguishable from noise with these "
                + "runs; choose its level on other grounds.");
        assertThat(ctx.n()).isEqualTo(9);
        assertThat(ctx.ciLow()).isNull();

        Recommendation ttftGpu = recommendations.all().get(2);
        assertThat(ttftGpu.reason()).startsWith("num_gpu 80–999 ≈ equal for TTFT over all successful runs (no load "
                + "durations: cold starts not excluded): the best level, 80, has mean 61 (n = 3, 95 % CI [58.52, 63.48]) and the CI of 999 overlaps it");
        assertThat(ttftGpu.reason()).contains("Holm-adjusted p < 0.001");
        // The headline is the first recommended level: nothing better is known.
        assertThat(recommendations.headline()).contains(gpu);
    }

    /**
     * (b) Replicated configurations: the one with the best worse end of its 95 % interval wins, not the
     * best mean. By hand (t quantiles from scipy 1.17: {@code stats.t.ppf(0.975, 4) = 2.7764451051977934},
     * {@code stats.t.ppf(0.975, 1) = 12.706204736174694}):
     * <pre>
     * tokens/s steady n = 5, mean 100, sd 1:  100 ± 2.77645 × 1 / √5  = [98.75833600179624, 101.24166399820376]
     *          lucky  n = 2, mean 110, sd 10: 110 ± 12.70620 × 10 / √2 = [20.15356467906247, 199.84643532093753]
     *          -> steady (lower bound 98.76 > 20.15) although lucky's mean is higher; single (n = 1, 150) is not ranked
     * TTFT     steady n = 5, mean 60, sd 2:   upper 60 + 2.77645 × 2 / √5 = 62.483327996407525
     *          lucky  n = 2, mean 55, sd 4:   upper 55 + 12.70620 × 4 / √2 = 90.93857412837501 -> steady
     * </pre>
     */
    @Test
    void amongReplicatedConfigurationsTheBestLowerBoundWinsOverAHigherMean() {
        ModelMetrics metrics = StatsFixtures.model("m", List.of(
                config("lucky", 2, 0, Map.of(TOKENS, tokensPerS(2, 110, 10), TTFT, ttftMs(2, 55, 4))),
                config("single", 1, 0, Map.of(TOKENS, tokensPerS(1, 150, 0), TTFT, ttftMs(1, 20, 0))),
                config("steady", 5, 0, Map.of(TOKENS, tokensPerS(5, 100, 1), TTFT, ttftMs(5, 60, 2)))));

        Recommendations recommendations = Recommendations.of(metrics);

        assertThat(recommendations.all()).extracting(Recommendation::kind)
                .containsExactly(RecommendationKind.CONFIGURATION, RecommendationKind.CONFIGURATION);
        Recommendation throughput = recommendations.all().get(0);
        assertThat(throughput.setting()).isEqualTo("steady");
        assertThat(throughput.n()).isEqualTo(5);
        assertThat(throughput.ciLow()).isCloseTo(98.75833600179624, within(1e-9));
        assertThat(throughput.ciHigh()).isCloseTo(101.24166399820376, within(1e-9));
        assertThat(throughput.reason()).isEqualTo("Best of the replicated configurations for tokens/s: steady (n = 5, "
                + "95 % CI [98.76, 101.2], mean 100 tokens/s), ranked by the lower bound of the CI among the 2 "
                + "configurations with 2 or more runs; 1 configuration with one run not ranked.");
        Recommendation ttft = recommendations.all().get(1);
        assertThat(ttft.setting()).isEqualTo("steady");
        assertThat(ttft.ciHigh()).isCloseTo(62.483327996407525, within(1e-9));
        assertThat(ttft.reason()).contains("ranked by the upper bound of the CI");
        assertThat(recommendations.headline()).contains(throughput);
    }

    /** One replicated configuration among single runs is not called best: there is nothing to rank it against. */
    @Test
    void aSingleReplicatedConfigurationIsNotCalledBest() {
        ModelMetrics metrics = StatsFixtures.model("m", List.of(
                config("", 2, 0, Map.of(TOKENS, tokensPerS(2, 110, 10))),
                config("num_gpu=80", 1, 0, Map.of(TOKENS, tokensPerS(1, 150, 0))),
                config("num_gpu=999", 1, 0, Map.of(TOKENS, tokensPerS(1, 140, 0)))));

        Recommendation only = Recommendations.of(metrics).all().get(0);

        assertThat(only.kind()).isEqualTo(RecommendationKind.CONFIGURATION);
        // 110 ± 12.706204736174694 × 10 / √2 (see above).
        assertThat(only.reason()).isEqualTo("The only replicated configuration for tokens/s: (runs without configuration) (n = 2, 95 % CI "
                + "[20.15, 199.8], mean 110 tokens/s); the 2 configurations with one run cannot be compared with it "
                + "(no interval): run them again to rank them.");
        assertThat(Recommendations.replicatedConfigurations(metrics, ComparedMetric.TOKENS_PER_S)).isEqualTo(1);
    }

    /**
     * TTFT is ranked over the warm runs when runs are split: "loaded" had one cold run among its three
     * (all runs: mean 400, sd 600, upper bound far above), its two warm runs are the quickest. By hand
     * (scipy 1.17 t quantiles): loaded warm n = 2, mean 50, sd 1: upper 50 + 12.70620 × 1 / √2 = 58.984643532093756;
     * other n = 3, mean 70, sd 2: upper 70 + stats.t.ppf(0.975, 2) × 2 / √3 = 74.96827542350066.
     */
    @Test
    void ttftIsRankedOverWarmRunsWhenTheRunsAreSplit() {
        ConfigStats loaded = ConfigStats.newBuilder(config("loaded", 3, 0, Map.of(TTFT, ttftMs(3, 400, 600))))
                .setWarmMetrics(Map.of(TTFT, ttftMs(2, 50, 1))).setColdRuns(1).build();
        ConfigStats other = ConfigStats.newBuilder(config("other", 3, 0, Map.of(TTFT, ttftMs(3, 70, 2))))
                .setWarmMetrics(Map.of(TTFT, ttftMs(3, 70, 2))).build();
        ModelMetrics split = ModelMetrics.newBuilder(StatsFixtures.model("m", List.of(loaded, other))).setRuns(6)
                .setColdStart(ColdStart.newBuilder().setStatus(ColdStartStatus.CLASSIFIED).setColdRuns(0).build())
                .build();

        BestConfig best = Recommendations.bestConfiguration(split, ComparedMetric.TTFT_MS).orElseThrow();

        assertThat(best.configKey()).isEqualTo("loaded");
        assertThat(best.interval().orElseThrow().high()).isCloseTo(58.984643532093756, within(1e-9));
        assertThat(Recommendations.of(split).all().get(0).reason()).startsWith("Best of the replicated configurations "
                + "for warm TTFT: loaded (n = 2, 95 % CI [41.02, 58.98], mean 50 ms), ranked by the upper bound");
        // The warm view shares the aggregate's values but leaves the aggregate itself as it was.
        ModelMetrics judged = Recommendations.judgedRuns(split, ComparedMetric.TTFT_MS);
        assertThat(judged.getConfigs().get(0).getMetrics().get(TTFT).getCount()).isEqualTo(2);
        assertThat(split.getConfigs().get(0).getMetrics().get(TTFT).getCount()).isEqualTo(3);
        assertThat(judged.getRuns()).isEqualTo(6);
        // Without the split, all runs count and the cold run sinks "loaded".
        ModelMetrics unsplit = ModelMetrics.newBuilder(split).setColdStart(null).build();
        assertThat(Recommendations.bestConfiguration(unsplit, ComparedMetric.TTFT_MS).orElseThrow().configKey())
                .isEqualTo("other");
    }

    /** (c) Cold starts found: the warm-up recommendation with the exact counts of the aggregate's split. */
    @Test
    void coldStartsGiveTheWarmUpRecommendationWithTheirCounts() {
        ColdStart cold = ColdStart.newBuilder().setStatus(ColdStartStatus.CLASSIFIED).setColdRuns(11).setWarmRuns(23)
                .setCold(Map.of(CanonicalMetric.LOAD_DURATION_MS.canonicalName(), withP50(11, 970.2),
                        TTFT, withP50(11, 1150.4)))
                .setWarm(Map.of(TTFT, withP50(23, 60.1)))
                .build();
        ModelMetrics metrics = ModelMetrics.newBuilder(StatsFixtures.model("m", List.of())).setRuns(40).setFailedRuns(6)
                .setColdStart(cold).build();

        Recommendations recommendations = Recommendations.of(metrics);

        assertThat(recommendations.all()).hasSize(1);
        Recommendation warm = recommendations.all().get(0);
        assertThat(warm.kind()).isEqualTo(RecommendationKind.WARMUP);
        assertThat(warm.setting()).isEqualTo(Recommendations.KEEP_WARM);
        assertThat(warm.n()).isEqualTo(11);
        assertThat(warm.reason()).isEqualTo("Keep the model warm: 11 of 34 successful runs paid a model load (median "
                + "load 970.2 ms); median TTFT 1150.4 ms cold (n = 11) against 60.1 ms warm (n = 23). Send a warm-up "
                + "request before measuring and after every change that reloads the model.");
        assertThat(recommendations.headline()).contains(warm);
    }

    @Test
    void noColdRunOrNoLoadDurationsGiveNoWarmUp() {
        ModelMetrics none = ModelMetrics.newBuilder(StatsFixtures.model("m", List.of())).setRuns(4)
                .setColdStart(ColdStart.newBuilder().setStatus(ColdStartStatus.CLASSIFIED).setWarmRuns(4).build()).build();
        ModelMetrics unknown = ModelMetrics.newBuilder(none)
                .setColdStart(ColdStart.newBuilder().setStatus(ColdStartStatus.NO_LOAD_DURATION).build()).build();

        assertThat(Recommendations.of(none).all()).isEmpty();
        assertThat(Recommendations.of(unknown).all()).isEmpty();
        assertThat(Recommendations.of(none).headline()).isEmpty();
    }

    /** Overlapping levels that are not neighbours in the key's order are a set, not a range. */
    @Test
    void overlappingLevelsThatAreNotNeighboursAreListedAsASet() {
        // Levels a (high), b (low, tight), c (high): a and c overlap, b does not lie between them in value.
        List<ConfigStats> configs = new ArrayList<>();
        double[][] runs = {{200, 202, 204}, {100, 101, 102}, {201, 203, 205}};
        String[] levels = {"a", "b", "c"};
        for (int i = 0; i < 3; i++) {
            configs.add(ConfigStats.newBuilder().setConfigKey("k=" + levels[i]).setConfig(Map.of("k", levels[i]))
                    .setRuns(3).setMetrics(Map.of(TOKENS, measured("tokens/s", runs[i]))).build());
        }
        // One configuration per level, three runs each: the configurations are replicated, so one is named.
        ModelMetrics replicated = StatsFixtures.model("m", configs);
        assertThat(Recommendations.of(replicated).all().get(0).kind()).isEqualTo(RecommendationKind.CONFIGURATION);
        // With a second key whose two levels split each k level into single runs, no configuration has 2 runs.
        List<ConfigStats> singles = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                singles.add(ConfigStats.newBuilder().setConfigKey("k=" + levels[i] + ",r=" + j)
                        .setConfig(Map.of("k", levels[i], "r", Integer.toString(j))).setRuns(1)
                        .setMetrics(Map.of(TOKENS, measured("tokens/s", runs[i][j]))).build());
            }
        }
        Recommendation k = Recommendations.of(StatsFixtures.model("m", singles)).all().get(0);

        assertThat(k.setting()).isEqualTo("k={a, c}");
        assertThat(k.reason()).startsWith("k {a, c} ≈ equal for tokens/s: the best level, c,");
    }

    /**
     * Keys whose levels go together (a=a1 always with b=x, a=a2 with b=y) are confounded: the recommendation
     * for either says so and blames neither. c, crossed with both, gives each level of a and b two runs.
     * a and b: levels [100, 101] and [200, 202]; variances 0.5 and 2 (ratio 4, not above 4: one-way ANOVA),
     * scipy 1.17: stats.f_oneway([100, 101], [200, 202]) = (F 8080.2, p 0.00012373634307483668); Holm over a, b and
     * c (c: p 0.985): 0.000371, significant.
     */
    @Test
    void aKeyConfoundedWithAnotherSaysSoAndBlamesNeither() {
        List<ConfigStats> configs = new ArrayList<>();
        String[][] cells = {{"a1", "x", "c1"}, {"a1", "x", "c2"}, {"a2", "y", "c1"}, {"a2", "y", "c2"}};
        double[] tokens = {100, 101, 200, 202};
        for (int i = 0; i < cells.length; i++) {
            configs.add(ConfigStats.newBuilder()
                    .setConfigKey("a=" + cells[i][0] + ",b=" + cells[i][1] + ",c=" + cells[i][2])
                    .setConfig(Map.of("a", cells[i][0], "b", cells[i][1], "c", cells[i][2])).setRuns(1)
                    .setMetrics(Map.of(TOKENS, measured("tokens/s", tokens[i]))).build());
        }

        List<Recommendation> recommendations = Recommendations.of(StatsFixtures.model("m", configs)).all();

        Recommendation a = recommendations.stream().filter(r -> r.setting().startsWith("a=")).findFirst().orElseThrow();
        assertThat(a.setting()).isEqualTo("a=a2");
        assertThat(a.reason()).contains("its levels differ beyond noise (one-way ANOVA")
                .endsWith(" Confounded with b in this sweep (their levels go together): what a's levels show, b's show "
                        + "too, and neither is more the cause than the other.");
        Recommendation b = recommendations.stream().filter(r -> r.setting().startsWith("b=")).findFirst().orElseThrow();
        assertThat(b.reason()).endsWith("Confounded with a in this sweep (their levels go together): what b's levels "
                + "show, a's show too, and neither is more the cause than the other.");
        Recommendation c = recommendations.stream().filter(r -> r.setting().equals("c")).findFirst().orElseThrow();
        assertThat(c.reason()).doesNotContain("Confounded");
    }

    /**
     * One run per cell, tokens/s ≈ row × column (4 × 3), KeyInteractionsTest's grid: Tukey's test for
     * non-additivity flags A × B (numpy/scipy, quoted there: F = 2861.2321541673573, df (1, 5),
     * p = 4.3181350117495216e-08, the only interaction test, so Holm leaves it; largest additive residual at
     * (a1, b1): 20.306598533659187 % of the overall mean). The keys' recommendations say their effect depends
     * on each other; on the additive grid (Tukey p = 0.7708153753188914) they do not.
     */
    @Test
    void aKeyInAFlaggedInteractionSaysOnWhichKeyItsEffectDepends() {
        double[][] multiplicative = {{10.3, 14.8, 20.1}, {19.9, 30.2, 39.8}, {30.1, 44.7, 60.2}, {40.2, 60.1, 79.7}};
        List<Recommendation> found = Recommendations.of(grid(multiplicative)).all();

        Recommendation a = found.stream().filter(r -> r.setting().startsWith("A")).findFirst().orElseThrow();
        assertThat(a.kind()).isEqualTo(RecommendationKind.PARAMETER);
        assertThat(a.reason()).endsWith(" Its effect depends on B (interaction flagged: Tukey's test for "
                + "non-additivity, Holm-adjusted p < 0.001; furthest from additive 20.31 % at A=a1, B=b1, a single run: "
                + "run that cell again before trusting it): compare A's levels within each level of B.");
        Recommendation b = found.stream().filter(r -> r.setting().startsWith("B")).findFirst().orElseThrow();
        assertThat(b.reason()).contains(" Its effect depends on A (interaction flagged: ")
                .endsWith("compare B's levels within each level of A.");

        double[][] additive = {{10.3, 14.8, 20.1}, {20.1, 25.2, 29.8}, {30.1, 34.7, 40.2}, {40.2, 45.1, 49.7}};
        assertThat(Recommendations.of(grid(additive)).all()).extracting(Recommendation::reason)
                .noneMatch(reason -> reason.contains("depends on"));
    }

    /** Tokens/s of an A × B grid with one run per cell, levels a1.., b1... */
    private static ModelMetrics grid(double[][] tokens) {
        List<ConfigStats> configs = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            for (int j = 0; j < tokens[i].length; j++) {
                String a = "a" + (i + 1);
                String b = "b" + (j + 1);
                configs.add(ConfigStats.newBuilder().setConfigKey("A=" + a + ",B=" + b).setConfig(Map.of("A", a, "B", b))
                        .setRuns(1).setMetrics(Map.of(TOKENS, measured("tokens/s", tokens[i][j]))).build());
            }
        }
        return ModelMetrics.newBuilder().setModel("m").setRuns(configs.size()).setConfigs(configs).build();
    }

    private static MetricStats withP50(long count, double p50) {
        return MetricStats.newBuilder(ttftMs(count, p50, 0)).setP50(p50).build();
    }

    private static ModelMetrics singleRunSweep() {
        double[][] tokens = {{30.1, 29.5, 30.8}, {200.5, 198.0, 201.9}, {202.0, 199.5, 200.8}};
        double[][] ttft = {{900, 950, 920}, {60, 62, 61}, {59, 61, 64}};
        String[] gpus = {"0", "80", "999"};
        String[] contexts = {"1024", "2048", "4096"};
        List<ConfigStats> configs = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            for (int c = 0; c < 3; c++) {
                configs.add(ConfigStats.newBuilder()
                        .setConfigKey("num_ctx=" + contexts[c] + ",num_gpu=" + gpus[g])
                        .setConfig(Map.of("num_ctx", contexts[c], "num_gpu", gpus[g]))
                        .setRuns(1)
                        .setMetrics(Map.of(TOKENS, measured("tokens/s", tokens[g][c]), TTFT, measured("ms", ttft[g][c])))
                        .build());
            }
        }
        return ModelMetrics.newBuilder().setModel("gemma3:270m").setRuns(9).setConfigs(configs).build();
    }
}
