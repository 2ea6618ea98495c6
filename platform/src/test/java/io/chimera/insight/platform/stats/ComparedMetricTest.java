package io.chimera.insight.platform.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.platform.metrics.Better;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import org.junit.jupiter.api.Test;

class ComparedMetricTest {

    @Test
    void theDefaultComparisonIsOnTheCatalogueHeadlinesWithTheirDirections() {
        assertThat(ComparedMetric.headline()).containsExactly(
                new ComparedMetric("tokens_per_s", Better.HIGHER), new ComparedMetric("ttft_ms", Better.LOWER));
        assertThat(ComparedMetric.headline()).containsExactly(ComparedMetric.TOKENS_PER_S, ComparedMetric.TTFT_MS);
    }

    @Test
    void aCatalogueMetricIsComparedTheWayTheCatalogueSaysItImproves() {
        assertThat(ComparedMetric.of(CanonicalMetric.LOAD_DURATION_MS).isBetter(1, 2)).isTrue();
        assertThat(ComparedMetric.of(CanonicalMetric.TOKENS_PER_S).isBetter(1, 2)).isFalse();
    }

    @Test
    void aCountHasNoBestSoItCannotBeCompared() {
        assertThatThrownBy(() -> ComparedMetric.of(CanonicalMetric.EVAL_COUNT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eval_count");
    }
}
