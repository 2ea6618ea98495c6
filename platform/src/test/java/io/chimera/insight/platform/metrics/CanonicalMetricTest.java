package io.chimera.insight.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalMetricTest {

    @Test
    void aMetricIsFoundByItsCanonicalNameOnly() {
        assertThat(CanonicalMetric.named("tokens_per_s")).contains(CanonicalMetric.TOKENS_PER_S);
        assertThat(CanonicalMetric.named("ttft_ms")).get().satisfies(ttft -> {
            assertThat(ttft.unit()).isEqualTo("ms");
            assertThat(ttft.better()).isEqualTo(Better.LOWER);
            assertThat(ttft.headline()).isTrue();
        });
        assertThat(CanonicalMetric.named("TOKENS_PER_S")).as("the constant's name is not the metric's").isEmpty();
        assertThat(CanonicalMetric.named("gpu_util_pct")).isEmpty();
    }

    @Test
    void everyNameIsDistinctAndSnakeCase() {
        List<String> names = Arrays.stream(CanonicalMetric.values()).map(CanonicalMetric::canonicalName).toList();

        assertThat(names).doesNotHaveDuplicates().allMatch(name -> name.matches("[a-z][a-z0-9_]*"));
    }

    @Test
    void throughputAndTimeToFirstTokenAreTheHeadlinesInThatOrder() {
        assertThat(CanonicalMetric.headlines()).containsExactly(CanonicalMetric.TOKENS_PER_S, CanonicalMetric.TTFT_MS);
    }

    @Test
    void onlyThroughputImprovesUpwardsAndCountsHaveNoBetterSide() {
        assertThat(Arrays.stream(CanonicalMetric.values()).filter(m -> m.better() == Better.HIGHER))
                .containsExactly(CanonicalMetric.TOKENS_PER_S);
        assertThat(CanonicalMetric.EVAL_COUNT.better()).isEqualTo(Better.NEITHER);
        assertThat(CanonicalMetric.LATENCY_MS.better()).isEqualTo(Better.LOWER);
    }

    @Test
    void displayRankIsTheCatalogueOrder() {
        assertThat(CanonicalMetric.TOKENS_PER_S.displayRank()).isZero();
        assertThat(CanonicalMetric.TTFT_MS.displayRank()).isEqualTo(1);
        assertThat(CanonicalMetric.LATENCY_MS.displayRank()).isLessThan(CanonicalMetric.TOTAL_DURATION_MS.displayRank());
    }

    @Test
    void catalogueMetricsComeFirstByRankThenTheRestAlphabetically() {
        List<String> sorted = MetricDisplayOrder.sorted(List.of("zeta_custom", "eval_count", "total_duration_ms",
                "alpha_custom", "ttft_ms", "latency_ms", "load_duration_ms", "eval_duration_ms",
                "prompt_eval_duration_ms", "tokens_per_s"));

        assertThat(sorted).containsExactly("tokens_per_s", "ttft_ms", "latency_ms", "total_duration_ms",
                "load_duration_ms", "prompt_eval_duration_ms", "eval_duration_ms", "eval_count",
                "alpha_custom", "zeta_custom");
    }

    @Test
    void theComparatorOrdersNamesTheSameWay() {
        assertThat(MetricDisplayOrder.BY_RANK_THEN_NAME.compare("ttft_ms", "tokens_per_s")).isPositive();
        assertThat(MetricDisplayOrder.BY_RANK_THEN_NAME.compare("response_chars", "a_custom_metric")).isNegative();
        assertThat(MetricDisplayOrder.BY_RANK_THEN_NAME.compare("b_custom", "a_custom")).isPositive();
    }
}
