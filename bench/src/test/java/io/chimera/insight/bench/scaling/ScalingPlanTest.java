package io.chimera.insight.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingPlanTest {

    @Test
    void theSizesComeSmallestFirstWhateverTheOrderGivenSoTheFirstPointIsTheSmallestWork() {
        ScalingPlan plan = new ScalingPlan(List.of(50_000, 1_000, 10_000), List.of(20_000, 10, 1_000), 60_000,
                ScalingPlan.DEFAULT_AGGREGATION_TIMEOUT);

        assertThat(plan.files()).containsExactly(1_000, 10_000, 50_000);
        assertThat(plan.configs()).containsExactly(10, 1_000, 20_000);
    }

    @Test
    void aSizeBelowOneIsRefused() {
        assertThatThrownBy(() -> new ScalingPlan(List.of(1_000, 0), List.of(10), 60_000,
                ScalingPlan.DEFAULT_AGGREGATION_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void aTimeoutOfZeroIsRefused() {
        assertThatThrownBy(() -> new ScalingPlan(List.of(1_000), List.of(10), 60_000, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }

    @Test
    void theRunsSplitEvenlyOverTheConfigurationsAtLeastOneEach() {
        ScalingPlan plan = new ScalingPlan(List.of(1_000), List.of(10), 60_000, ScalingPlan.DEFAULT_AGGREGATION_TIMEOUT);

        assertThat(plan.runsPerConfig(1_000)).isEqualTo(60);
        assertThat(plan.runsPerConfig(100_000)).isEqualTo(1);
    }
}
