package io.chimera.insight.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chimera.insight.bench.result.PerRunCost;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class HeldPassTest {

    private static final long RUNS = 60_000;

    @Test
    void aConfigurationsLifeIsTheFirstPassesCpuLessTheSecondPassesPerRunTimesTheRunsOverTheConfigurations() {
        // 20,000 configurations, 3 runs each: 102.3 µs a run making them, 60.0 µs a run with them held.
        PerRunCost first = new PerRunCost(102.3, 50, OptionalDouble.of(36.7));
        HeldPass held = new HeldPass(20_000, new PerRunCost(60.0, 30, OptionalDouble.of(30.1)));

        // (102.3 × 60,000 − 60.0 × 60,000) ÷ 20,000 = 42.3 × 3
        assertThat(held.lifeMicros(first, RUNS)).isCloseTo(126.9, within(1e-9));
        // (36.7 − 30.1) × 60,000 ÷ 20,000
        assertThat(held.streamLifeMicros(first, RUNS).getAsDouble()).isCloseTo(19.8, within(1e-9));
    }

    @Test
    void theSameDifferenceOverFewerConfigurationsIsADearerLife() {
        PerRunCost first = new PerRunCost(44.0, 30, OptionalDouble.empty());
        HeldPass held = new HeldPass(10, new PerRunCost(43.0, 30, OptionalDouble.empty()));

        assertThat(held.lifeMicros(first, RUNS)).isCloseTo(6_000, within(1e-9));
    }

    @Test
    void aSecondPassDearerPerRunThanTheFirstGivesANegativeLifeNotAClampedOne() {
        PerRunCost first = new PerRunCost(42.0, 30, OptionalDouble.empty());
        HeldPass held = new HeldPass(10, new PerRunCost(43.0, 30, OptionalDouble.empty()));

        assertThat(held.lifeMicros(first, RUNS)).isCloseTo(-6_000, within(1e-9));
    }

    @Test
    void theStreamThreadsLifeNeedsBothPassesStreamThreadFigures() {
        PerRunCost withThreads = new PerRunCost(44.0, 30, OptionalDouble.of(20.0));
        PerRunCost without = new PerRunCost(43.0, 30, OptionalDouble.empty());

        assertThat(new HeldPass(10, without).streamLifeMicros(withThreads, RUNS)).isEmpty();
        assertThat(new HeldPass(10, withThreads).streamLifeMicros(without, RUNS)).isEmpty();
    }

    @Test
    void refusesNoConfigurationsAndNoRuns() {
        PerRunCost cost = new PerRunCost(40.0, 30, OptionalDouble.empty());

        assertThatThrownBy(() -> new HeldPass(0, cost)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeldPass(10, cost).lifeMicros(cost, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
