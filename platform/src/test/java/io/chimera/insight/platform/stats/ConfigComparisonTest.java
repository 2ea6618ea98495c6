package io.chimera.insight.platform.stats;

import static io.chimera.insight.platform.stats.StatsFixtures.config;
import static io.chimera.insight.platform.stats.StatsFixtures.model;
import static io.chimera.insight.platform.stats.StatsFixtures.tokensPerS;
import static io.chimera.insight.platform.stats.StatsFixtures.ttftMs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.Better;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigComparisonTest {

    private static final String DEFAULTS = "";
    private static final String CTX = "num_ctx=2048";
    private static final String GPU = "num_gpu=80";
    private static final String HOT = "temperature=0.8";

    /**
     * Baseline (defaults): 100 ± 5 tokens/s (n 10), 400 ± 20 ms TTFT (n 10).
     * num_ctx=2048: 104 ± 8 tokens/s (n 12), 380 ± 30 ms (n 12); most runs of all.
     * num_gpu=80: 120 ± 4 tokens/s (n 8), 450 ± 25 ms (n 8).
     * temperature=0.8: every run failed, so no statistics.
     */
    private static ModelMetrics sweep() {
        return model("gemma3:270m", List.of(
                config(DEFAULTS, 10, 0, Map.of("tokens_per_s", tokensPerS(10, 100, 5), "ttft_ms", ttftMs(10, 400, 20))),
                config(CTX, 13, 1, Map.of("tokens_per_s", tokensPerS(12, 104, 8), "ttft_ms", ttftMs(12, 380, 30))),
                config(GPU, 8, 0, Map.of("tokens_per_s", tokensPerS(8, 120, 4), "ttft_ms", ttftMs(8, 450, 25))),
                config(HOT, 3, 3, Map.of())));
    }

    @Test
    void bestThroughputIsTheHighestMeanAndBestTtftTheLowest() {
        ConfigComparison comparison = ConfigComparison.of(sweep());

        assertThat(comparison.bestThroughput()).get().satisfies(best -> {
            assertThat(best.configKey()).isEqualTo(GPU);
            assertThat(best.mean()).isEqualTo(120.0);
            assertThat(best.unit()).isEqualTo("tokens/s");
        });
        assertThat(comparison.bestTtft()).get().satisfies(best -> {
            assertThat(best.configKey()).isEqualTo(CTX);
            assertThat(best.mean()).isEqualTo(380.0);
        });
    }

    @Test
    void theEmptyConfigIsTheBaselineEvenWithFewerRuns() {
        assertThat(ConfigComparison.of(sweep()).baseline()).get().extracting(ConfigStats::getConfigKey).isEqualTo(DEFAULTS);
    }

    @Test
    void withoutAnEmptyConfigTheBaselineIsTheOneWithMostSuccessfulRuns() {
        ModelMetrics metrics = model("m", List.of(
                config("a=1", 12, 6, Map.of("tokens_per_s", tokensPerS(6, 10, 1))),
                config("b=1", 9, 0, Map.of("tokens_per_s", tokensPerS(9, 11, 1))),
                config("c=1", 50, 50, Map.of())));

        assertThat(ConfigComparison.of(metrics).baseline()).get().extracting(ConfigStats::getConfigKey).isEqualTo("b=1");
    }

    @Test
    void baselineTiesGoToTheSmallerConfigKey() {
        ModelMetrics metrics = model("m", List.of(
                config("z=1", 5, 0, Map.of("tokens_per_s", tokensPerS(5, 10, 1))),
                config("k=1", 5, 0, Map.of("tokens_per_s", tokensPerS(5, 11, 1)))));

        assertThat(ConfigComparison.of(metrics).baseline()).get().extracting(ConfigStats::getConfigKey).isEqualTo("k=1");
    }

    @Test
    void bestTiesGoToMoreSamplesThenTheSmallerConfigKey() {
        ModelMetrics moreSamples = model("m", List.of(
                config("a=1", 3, 0, Map.of("tokens_per_s", tokensPerS(3, 50, 1))),
                config("b=1", 7, 0, Map.of("tokens_per_s", tokensPerS(7, 50, 1)))));
        ModelMetrics sameSamples = model("m", List.of(
                config("b=1", 3, 0, Map.of("tokens_per_s", tokensPerS(3, 50, 1))),
                config("a=1", 3, 0, Map.of("tokens_per_s", tokensPerS(3, 50, 1)))));

        assertThat(ConfigComparison.of(moreSamples).bestThroughput()).get().extracting(BestConfig::configKey).isEqualTo("b=1");
        assertThat(ConfigComparison.of(sameSamples).bestThroughput()).get().extracting(BestConfig::configKey).isEqualTo("a=1");
    }

    @Test
    void deltasCompareEveryConfigWithStatisticsToTheBaselineMetricByMetric() {
        List<ConfigDelta> deltas = ConfigComparison.of(sweep()).deltas();

        assertThat(deltas).extracting(ConfigDelta::otherConfigKey, delta -> delta.metric().name()).containsExactly(
                tuple(CTX, "tokens_per_s"),
                tuple(CTX, "ttft_ms"),
                tuple(GPU, "tokens_per_s"),
                tuple(GPU, "ttft_ms"));
        assertThat(deltas).allSatisfy(delta -> assertThat(delta.baselineConfigKey()).isEqualTo(DEFAULTS));
    }

    @Test
    void aThroughputGainThatIsNotSignificant() {
        ConfigDelta ctx = ConfigComparison.of(sweep()).deltas(ComparedMetric.TOKENS_PER_S).get(0);

        assertThat(ctx.otherConfigKey()).isEqualTo(CTX);
        assertThat(ctx.unit()).isEqualTo("tokens/s");
        assertThat(ctx.baselineCount()).isEqualTo(10);
        assertThat(ctx.otherCount()).isEqualTo(12);
        assertThat(ctx.baselineMean()).isEqualTo(100.0);
        assertThat(ctx.otherMean()).isEqualTo(104.0);
        assertThat(ctx.difference()).isEqualTo(4.0);
        assertThat(ctx.relativeDifference()).isCloseTo(0.04, within(1e-12));
        assertThat(ctx.improvement()).isCloseTo(0.04, within(1e-12));
        assertThat(ctx.better()).isTrue();
        // scipy.stats.ttest_ind_from_stats(100, 5, 10, 104, 8, 12, equal_var=False).pvalue
        assertThat(ctx.pValue()).isCloseTo(0.16944076284917706, withinPercentage(1e-4));
        assertThat(ctx.significant()).isFalse();
    }

    @Test
    void aSignificantThroughputGain() {
        ConfigDelta gpu = ConfigComparison.of(sweep()).deltas(ComparedMetric.TOKENS_PER_S).get(1);

        assertThat(gpu.otherConfigKey()).isEqualTo(GPU);
        assertThat(gpu.relativeDifference()).isCloseTo(0.20, within(1e-12));
        // scipy.stats.ttest_ind_from_stats(100, 5, 10, 120, 4, 8, equal_var=False).pvalue
        assertThat(gpu.pValue()).isCloseTo(6.203696824562042e-08, withinPercentage(1e-4));
        assertThat(gpu.significant()).isTrue();
    }

    @Test
    void ttftDeltasCountAReductionAsAnImprovement() {
        List<ConfigDelta> ttft = ConfigComparison.of(sweep()).deltas(ComparedMetric.TTFT_MS);
        ConfigDelta ctx = ttft.get(0);
        ConfigDelta gpu = ttft.get(1);

        assertThat(ctx.difference()).isEqualTo(-20.0);
        assertThat(ctx.relativeDifference()).isCloseTo(-0.05, within(1e-12));
        assertThat(ctx.improvement()).isCloseTo(0.05, within(1e-12));
        assertThat(ctx.better()).isTrue();
        // scipy.stats.ttest_ind_from_stats(400, 20, 10, 380, 30, 12, equal_var=False).pvalue
        assertThat(ctx.pValue()).isCloseTo(0.07754643868205882, withinPercentage(1e-4));
        assertThat(ctx.significant()).isFalse();

        assertThat(gpu.difference()).isEqualTo(50.0);
        assertThat(gpu.improvement()).isCloseTo(-0.125, within(1e-12));
        assertThat(gpu.better()).isFalse();
        // scipy.stats.ttest_ind_from_stats(400, 20, 10, 450, 25, 8, equal_var=False).pvalue
        assertThat(gpu.pValue()).isCloseTo(0.00046990247662302177, withinPercentage(1e-4));
        assertThat(gpu.significant()).isTrue();
    }

    @Test
    void anyTwoConfigsCompareDirectly() {
        List<ConfigStats> configs = sweep().getConfigs();
        ConfigStats ctx = configs.get(1);
        ConfigStats gpu = configs.get(2);

        ConfigDelta delta = ConfigComparison.compare(ComparedMetric.TOKENS_PER_S, ctx, gpu).orElseThrow();

        assertThat(delta.baselineConfigKey()).isEqualTo(CTX);
        assertThat(delta.otherConfigKey()).isEqualTo(GPU);
        assertThat(delta.difference()).isEqualTo(16.0);
        assertThat(delta.relativeDifference()).isCloseTo(16.0 / 104.0, within(1e-12));
        assertThat(ConfigComparison.compare(ComparedMetric.TOKENS_PER_S, ctx, configs.get(3))).isEmpty();
    }

    @Test
    void undefinedPValuesAreNullAndNeverSignificant() {
        ModelMetrics metrics = model("m", List.of(
                config(DEFAULTS, 1, 0, Map.of("tokens_per_s", tokensPerS(1, 100, 0))),
                config("num_gpu=1", 4, 0, Map.of("tokens_per_s", tokensPerS(4, 300, 10)))));

        ConfigDelta delta = ConfigComparison.of(metrics).deltas().get(0);

        assertThat(delta.pValue()).isNull();
        assertThat(delta.significant()).isFalse();
        assertThat(delta.difference()).isEqualTo(200.0);
    }

    @Test
    void aZeroBaselineMeanHasNoRelativeDifference() {
        ModelMetrics metrics = model("m", List.of(
                config(DEFAULTS, 3, 0, Map.of("ttft_ms", ttftMs(3, 0, 0))),
                config("x=1", 3, 0, Map.of("ttft_ms", ttftMs(3, 5, 1)))));

        ConfigDelta delta = ConfigComparison.of(metrics).deltas().get(0);

        assertThat(delta.relativeDifference()).isNull();
        assertThat(delta.improvement()).isNull();
        assertThat(delta.difference()).isEqualTo(5.0);
    }

    @Test
    void aModelWithoutComparableConfigsHasNoBaselineNoBestAndNoDeltas() {
        ModelMetrics metrics = model("m", List.of(config("a=1", 2, 2, Map.of())));

        ConfigComparison comparison = ConfigComparison.of(metrics);

        assertThat(comparison.baseline()).isEmpty();
        assertThat(comparison.bestThroughput()).isEmpty();
        assertThat(comparison.bestTtft()).isEmpty();
        assertThat(comparison.deltas()).isEmpty();
    }

    @Test
    void otherMetricsCanBeCompared() {
        ComparedMetric latency = new ComparedMetric("latency_ms", Better.LOWER);
        ModelMetrics metrics = model("m", List.of(
                config(DEFAULTS, 3, 0, Map.of("latency_ms", ttftMs(3, 10, 1))),
                config("x=1", 3, 0, Map.of("latency_ms", ttftMs(3, 8, 1)))));

        ConfigComparison comparison = ConfigComparison.of(metrics, List.of(latency));

        assertThat(comparison.best(latency)).get().extracting(BestConfig::configKey).isEqualTo("x=1");
        assertThat(comparison.deltas()).singleElement().satisfies(delta -> assertThat(delta.improvement()).isCloseTo(0.2, within(1e-12)));
    }

    /**
     * A single lucky run is never the recommendation, and a tight interval beats a higher but wider one.
     * 95 % CIs (t(0.975, 2) = 4.302653, scipy.stats.t.ppf): "steady" 300 ± 4.302653 × 2 / √3 = 295.03 to 304.97;
     * "noisy" 310 ± 4.302653 × 30 / √3 = 235.48 to 384.52. TTFT is lower-better: ranked by the upper end.
     */
    @Test
    void theRecommendedConfigurationIsRankedByItsIntervalAmongThoseWithTwoOrMoreRuns() {
        ModelMetrics metrics = model("m", List.of(
                config("lucky", 1, 0, Map.of("tokens_per_s", tokensPerS(1, 500, 0), "ttft_ms", ttftMs(1, 10, 0))),
                config("noisy", 3, 0, Map.of("tokens_per_s", tokensPerS(3, 310, 30), "ttft_ms", ttftMs(3, 50, 40))),
                config("steady", 3, 0, Map.of("tokens_per_s", tokensPerS(3, 300, 2), "ttft_ms", ttftMs(3, 60, 2)))));
        ConfigComparison comparison = ConfigComparison.of(metrics);

        BestConfig throughput = comparison.bestReplicated(ComparedMetric.TOKENS_PER_S).orElseThrow();
        assertThat(throughput.configKey()).isEqualTo("steady");
        assertThat(throughput.interval().orElseThrow().low()).isCloseTo(295.0317, within(1e-3));
        assertThat(comparison.bestReplicated(ComparedMetric.TTFT_MS).orElseThrow().configKey()).isEqualTo("steady");
        // The plain best by mean would have been the single run.
        assertThat(comparison.best(ComparedMetric.TOKENS_PER_S).orElseThrow().configKey()).isEqualTo("lucky");

        ModelMetrics singles = model("m", List.of(
                config("a", 1, 0, Map.of("tokens_per_s", tokensPerS(1, 500, 0))),
                config("b", 1, 0, Map.of("tokens_per_s", tokensPerS(1, 300, 0)))));
        assertThat(ConfigComparison.of(singles).bestReplicated(ComparedMetric.TOKENS_PER_S)).isEmpty();
    }

    /**
     * The whole ranking behind {@code bestReplicated}: t(0.975, 2) = 4.302653 (scipy.stats.t.ppf(0.975, 2)), so the
     * lower ends are "steady" 300 - 4.302653 × 2 / √3 = 295.03, "close" 298 - 4.302653 × 1 / √3 = 295.52,
     * "noisy" 310 - 4.302653 × 30 / √3 = 235.48; "lucky" (one run) has no interval and is left out.
     */
    @Test
    void theReplicatedRankingOrdersEveryConfigurationWithAnIntervalByItsWorseEnd() {
        ModelMetrics metrics = model("m", List.of(
                config("lucky", 1, 0, Map.of("tokens_per_s", tokensPerS(1, 500, 0))),
                config("noisy", 3, 0, Map.of("tokens_per_s", tokensPerS(3, 310, 30))),
                config("steady", 3, 0, Map.of("tokens_per_s", tokensPerS(3, 300, 2))),
                config("close", 3, 0, Map.of("tokens_per_s", tokensPerS(3, 298, 1)))));
        ConfigComparison comparison = ConfigComparison.of(metrics);

        List<BestConfig> ranked = comparison.rankedReplicated(ComparedMetric.TOKENS_PER_S);

        assertThat(ranked).extracting(BestConfig::configKey).containsExactly("close", "steady", "noisy");
        assertThat(ranked.get(0).interval().orElseThrow().low()).isCloseTo(295.5159, within(1e-3));
        assertThat(comparison.bestReplicated(ComparedMetric.TOKENS_PER_S)).get().isEqualTo(ranked.get(0));
        assertThat(comparison.rankedByMean(ComparedMetric.TOKENS_PER_S)).extracting(BestConfig::configKey)
                .containsExactly("lucky", "noisy", "steady", "close");
    }

    /**
     * TTFT is lower-better, so the replicated ranking goes by the upper end; "b" and "a" have the same interval
     * (50 ± 4.302653 × 1 / √3 = 47.52 to 52.48) and are ranked by key; "c" (45 ± 4.302653 × 10 / √3, up to
     * 69.84) comes last despite the lowest mean. The recommendation is the ranking's first, tie included.
     */
    @Test
    void theReplicatedRankingOfALowerBetterMetricGoesByTheUpperEndThenByKey() {
        ModelMetrics metrics = model("m", List.of(
                config("c", 3, 0, Map.of("ttft_ms", ttftMs(3, 45, 10))),
                config("b", 3, 0, Map.of("ttft_ms", ttftMs(3, 50, 1))),
                config("a", 3, 0, Map.of("ttft_ms", ttftMs(3, 50, 1)))));
        ConfigComparison comparison = ConfigComparison.of(metrics);

        assertThat(comparison.rankedReplicated(ComparedMetric.TTFT_MS)).extracting(BestConfig::configKey)
                .containsExactly("a", "b", "c");
        assertThat(comparison.bestReplicated(ComparedMetric.TTFT_MS).orElseThrow().configKey()).isEqualTo("a");
    }

    @Test
    void theRankingByMeanBreaksTiesByMoreSamplesThenByKey() {
        ModelMetrics metrics = model("m", List.of(
                config("b", 1, 0, Map.of("ttft_ms", ttftMs(1, 50, 0))),
                config("a", 1, 0, Map.of("ttft_ms", ttftMs(1, 50, 0))),
                config("c", 2, 0, Map.of("ttft_ms", ttftMs(2, 50, 1))),
                config("d", 1, 0, Map.of("ttft_ms", ttftMs(1, 40, 0)))));

        assertThat(ConfigComparison.of(metrics).rankedByMean(ComparedMetric.TTFT_MS)).extracting(BestConfig::configKey)
                .containsExactly("d", "c", "a", "b");
    }
}
