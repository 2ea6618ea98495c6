package io.chimera.insight.analysis.prompt;

import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.stats.Recommendation;
import io.chimera.insight.platform.stats.Recommendations;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

/**
 * The prompt for the real gemma3 270m sweep ({@link SweepFixture}): 34 successful runs, one per
 * configuration, 11 of them cold. Expected figures from the CSV, in a python3 session with numpy
 * and scipy 1.17 (abridged):
 * <pre>
 * rows = [r for r in csv.DictReader(open('gemma3_270m_param_tuning.csv')) if not r['error']]   # 34
 * load = [float(r['load_s']) * 1000 ...]; m = median(load); mad = median(|load - m|)
 * cold = load > m + max(5 * mad, 200)                                    # 11 cold, 23 warm
 * median(cold ttft_s * 1000) = 1204.4553; median(warm ttft_s * 1000) = 64.8745   (the prompt's come
 *     from the sketches, within 1 %); median(cold load_s * 1000) = 1002.8815
 * per key, levels pooled over the other keys; tokens over all 34 runs, TTFT over the 23 warm ones;
 * Welch's ANOVA (by its formula, p = stats.f.sf(F, k - 1, df2)) where the level variances differ
 * more than 4-fold, else stats.f_oneway; eta2 = SSB / SST; spread = (max mean - min mean) / mean * 100
 * CI = mean ± stats.t.ppf(0.975, n - 1) * sd / sqrt(n)
 * tokens num_gpu: Welch p = 0.05896792174943715, eta2 = 0.33929419441665115, spread = 8.252489886358992
 *     40: n 9, mean 286.5923728227578, CI 281.6467740408286 .. 291.537971604687
 *     60: n 7, mean 269.85957374948833, CI 245.43674126869186 .. 294.28240623028483
 * ttft temperature: f_oneway p = 0.4566265755845939, eta2 = 0.026660408289508948, spread = 10.393171959750129
 * Holm over the six tests: tokens temperature 0.11122669915222846, tokens num_gpu 0.29483960874718573,
 *     ttft num_gpu 0.4987250155088835, the other three 1
 * </pre>
 */
class SweepPromptTest {

    private static final ModelMetrics SWEEP = SweepFixture.gemma270mSweep();
    private static final Pattern COLD_TTFT = Pattern.compile(
            "TTFT p50 ([0-9.]+) ms cold \\(n=11\\) against ([0-9.]+) ms warm \\(n=23\\)");
    private static final Pattern COLD_LOAD = Pattern.compile("median load of a cold run ([0-9.]+) ms");

    @Test
    void atTheDefaultNumCtxEverythingFitsColdStartsAndEffectsIncluded() {
        Prompt prompt = PromptBuilder.withDefaults().build(SWEEP);

        assertThat(prompt.omittedFacts()).isEmpty();
        assertThat(prompt.estimatedTokens()).isLessThanOrEqualTo(PromptSettings.defaults().promptBudgetTokens());
        assertThat(prompt.user()).contains("Cold starts: 11 of 34 successful runs were cold (paid a model load)");
        Matcher ttft = COLD_TTFT.matcher(prompt.user());
        assertThat(ttft.find()).isTrue();
        assertThat(Double.parseDouble(ttft.group(1))).isCloseTo(1204.4553, withPercentage(1));
        assertThat(Double.parseDouble(ttft.group(2))).isCloseTo(64.8745, withPercentage(1));
        Matcher load = COLD_LOAD.matcher(prompt.user());
        assertThat(load.find()).isTrue();
        assertThat(Double.parseDouble(load.group(1))).isCloseTo(1002.8815, withPercentage(1));

        assertThat(prompt.user()).contains("p-values are Holm-corrected over the 6 tests of this model",
                "a difference between levels is an association with the key, not proof that the key causes it");
        assertThat(prompt.user().lines().toList()).containsSubsequence(
                "- tokens_per_s by num_gpu (all successful runs): Welch's ANOVA, p=0.295 (Holm), not significant,"
                        + " eta²=0.339, spread=8.25%",
                "  - num_gpu=40: n=9, mean=286.59, 95% CI 281.65 to 291.54",
                "  - num_gpu=60: n=7, mean=269.86, 95% CI 245.44 to 294.28",
                "- tokens_per_s by temperature (all successful runs): Welch's ANOVA, p=0.111 (Holm), not significant,"
                        + " eta²=0.0466, spread=2.77%",
                "- ttft_ms by num_gpu (warm runs): Welch's ANOVA, p=0.499 (Holm), not significant, eta²=0.399,"
                        + " spread=51.19%",
                "- ttft_ms by temperature (warm runs): one-way ANOVA, p=1 (Holm), not significant, eta²=0.0267,"
                        + " spread=10.39%");
    }

    @Test
    void noSingleRunConfigurationIsCalledBestAndEachSaysItIsASingleRun() {
        Prompt prompt = PromptBuilder.withDefaults().build(SWEEP);

        assertThat(prompt.user()).contains(
                "- Best for tokens_per_s (highest lower end of the 95% CI of the mean, among configurations with 2 or"
                        + " more runs): none: no configuration has 2 or more runs of it.",
                "- Best for ttft_ms (lowest upper end of the 95% CI of the mean, among configurations with 2 or"
                        + " more runs): none: no configuration has 2 or more runs of it.");
        List<String> configs = prompt.user().lines().filter(line -> line.startsWith("- num_ctx=")).toList();
        assertThat(configs).hasSize(36);
        // 34 configurations with a successful run; the two whose only run failed have no mean to qualify.
        assertThat(configs.stream().filter(line -> line.contains("tokens_per_s mean=")))
                .hasSize(34).allMatch(line -> line.contains("(single run)"));
        assertThat(prompt.system()).contains("A configuration measured by a single run is never the best");
        // Nor do the recommendations it now quotes name a configuration.
        assertThat(prompt.user()).doesNotContain("Best of the replicated", "The only replicated");
    }

    /**
     * The interaction block: 3 key pairs for each of the 2 metrics, all tested; num_ctx × num_gpu flagged for
     * tokens/s. The figures are {@link io.chimera.insight.platform.stats.KeyInteractions}' for this sweep (the
     * report's interaction table shows the same: F = 11.71 on (6, 22) df, Holm p < 0.001, eta² = 0.403, the cell
     * num_ctx=1024, num_gpu=60 at -16.28 %); that class is checked against scipy in its own tests. Here: that the
     * prompt carries them, written by {@link FactFormat}.
     */
    @Test
    void theFlaggedInteractionIsAFactWithItsTestPAndEffectSize() {
        Prompt prompt = PromptBuilder.withDefaults().build(SWEEP);

        assertThat(prompt.user()).contains(
                "6 pairs of keys (per metric), 6 tested, 1 flagged, 0 not testable. p-values are Holm-corrected over"
                        + " the 6 interaction tests",
                "- tokens_per_s (all successful runs): the effect of num_ctx depends on num_gpu (two-way ANOVA"
                        + " interaction F test, p=0.0000407 (Holm), eta²=0.403); the cell num_ctx=1024, num_gpu=60 lies"
                        + " 16.28% below what the two keys' separate effects predict (n=1)");
        assertThat(prompt.user()).doesNotContain("cannot be separated", "no pair flagged");
    }

    /** Every recommendation of the report, its reason sentence whole, after the best lines. */
    @Test
    void theRecommendationsAreFactsBesideTheBestLines() {
        Prompt prompt = PromptBuilder.withDefaults().build(SWEEP);
        String user = prompt.user();

        for (Recommendation recommendation : Recommendations.of(SWEEP).all()) {
            assertThat(user).contains("- " + recommendation.reason());
        }
        assertThat(user).contains("- Keep the model warm: 11 of 34 successful runs paid a model load",
                "- num_gpu has no measurable effect on tokens/s (Welch's ANOVA, Holm-adjusted p = 0.295");
        assertThat(user.indexOf(RecommendationFacts.HEADING)).isGreaterThan(user.indexOf(FactSheet.BEST_HEADING))
                .isLessThan(user.indexOf("Per-parameter effects:"));
    }

    /** When levels and keys must go, the recommendations stay: they come before the effects in priority. */
    @Test
    void recommendationsOutlastTheEffectsKeysAndLevels() {
        PromptSettings small = PromptSettings.defaults().withContext(2383, 512);

        Prompt prompt = new PromptBuilder(small).build(SWEEP);

        assertThat(prompt.estimatedTokens()).isLessThanOrEqualTo(small.promptBudgetTokens());
        assertThat(levelLines(prompt)).isEmpty();
        assertThat(prompt.omittedFacts()).noneMatch(fact -> fact.startsWith("recommendation "))
                .contains("interaction of num_ctx and num_gpu on tokens_per_s");
        assertThat(prompt.user()).contains("- Keep the model warm: 11 of 34", "(1 more pair omitted)");
    }

    /** Two keys whose levels go together: the prompt says they cannot be separated, and tests no interaction. */
    @Test
    void confoundedKeysAreSaidToBeInseparable() {
        ModelMetrics confounded = ModelMetrics.newBuilder(MetricsFixture.gemma()).setConfigs(List.of(
                MetricsFixture.config(Map.of("num_ctx", "2048", "num_gpu", "40"), 3, 0, 100, 300),
                MetricsFixture.config(Map.of("num_ctx", "4096", "num_gpu", "80"), 3, 0, 120, 280))).build();

        Prompt prompt = PromptBuilder.withDefaults().build(confounded);

        assertThat(prompt.user()).contains("- tokens_per_s: num_ctx and num_gpu cannot be separated (confounded: each"
                + " level of either key comes with one level of the other in these runs), so their effects are one"
                + " effect: neither key is more the cause than the other", "0 tested", "No pair could be tested.");
    }

    /** 2733 tokens with 512 for the answer: the configurations go, then the levels of the lowest-ranked keys. */
    @Test
    void atASmallNumCtxConfigurationsGoFirstThenTheLevelsOfLowerRankedKeys() {
        PromptSettings small = PromptSettings.defaults().withContext(2733, 512);

        Prompt prompt = new PromptBuilder(small).build(SWEEP);

        assertThat(prompt.estimatedTokens()).isLessThanOrEqualTo(small.promptBudgetTokens());
        assertThat(keyLines(prompt)).hasSize(6);
        assertThat(prompt.user()).doesNotContain("\n- num_ctx=");
        assertThat(prompt.omittedFacts().stream().filter(fact -> fact.startsWith("configuration "))).hasSize(36);
        assertThat(prompt.omittedFacts()).filteredOn(fact -> fact.startsWith("level "))
                .isNotEmpty()
                .allMatch(fact -> fact.startsWith("level temperature="));
        assertThat(prompt.user()).contains("  - num_gpu=60: n=7, mean=269.86, 95% CI 245.44 to 294.28",
                FactSheet.OMISSION_NOTE);
    }

    /** Tighter still: only each top-ranked key's highest and lowest level are left. */
    @Test
    void tighterStillOnlyTheHighestAndLowestLevelOfTheTopRankedKeysStay() {
        PromptSettings tighter = PromptSettings.defaults().withContext(2603, 512);

        Prompt prompt = new PromptBuilder(tighter).build(SWEEP);

        assertThat(prompt.estimatedTokens()).isLessThanOrEqualTo(tighter.promptBudgetTokens());
        assertThat(keyLines(prompt)).hasSize(6);
        assertThat(levelLines(prompt)).containsExactly(
                "  - num_gpu=60: n=7, mean=269.86, 95% CI 245.44 to 294.28",
                "  - num_gpu=999: n=9, mean=293.51, 95% CI 288.22 to 298.79",
                "  - num_gpu=60: n=5, mean=98.9, 95% CI 51.69 to 146.11",
                "  - num_gpu=999: n=6, mean=61.37, 95% CI 57.13 to 65.6");
        assertThat(prompt.user()).contains("  (2 more levels omitted)");
    }

    /** When not even every key line fits, the lowest-ranked keys go and the block counts them. */
    @Test
    void whenKeysMustGoTheLowestRankedGoAndAreCounted() {
        PromptSettings tiny = PromptSettings.defaults().withContext(2413, 512);

        Prompt prompt = new PromptBuilder(tiny).build(SWEEP);

        assertThat(prompt.estimatedTokens()).isLessThanOrEqualTo(tiny.promptBudgetTokens());
        assertThat(levelLines(prompt)).isEmpty();
        assertThat(keyLines(prompt)).hasSize(3).allMatch(line -> line.contains(" by num_gpu ") || line.startsWith(
                "- tokens_per_s by num_ctx"));
        assertThat(prompt.user()).contains("\n(3 more keys omitted)");
        assertThat(prompt.omittedFacts()).contains("effect of temperature on ttft_ms", "effect of num_ctx on ttft_ms",
                "effect of temperature on tokens_per_s");
    }

    private static List<String> keyLines(Prompt prompt) {
        return prompt.user().lines()
                .filter(line -> line.startsWith("- tokens_per_s by ") || line.startsWith("- ttft_ms by "))
                .toList();
    }

    private static List<String> levelLines(Prompt prompt) {
        return prompt.user().lines().filter(line -> line.startsWith("  - ")).toList();
    }
}
