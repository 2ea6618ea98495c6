package io.chimera.insight.bench.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SharedCpuLimitTest {

    @Test
    void theCpuCostsPerRecordAddUp() {
        // Kafka 3.0 µs and parsing 5.3 µs of CPU per record (issue 17's figures): 8.3 µs together.
        double producer = 1e6 / 3.0;
        double parseOnly = 1e6 / 5.3;

        assertThat(SharedCpuLimit.recordsPerSecond(producer, parseOnly)).isCloseTo(1e6 / 8.3, within(1e-6));
    }

    @Test
    void twoEqualHalvesGiveHalfOfEither() {
        assertThat(SharedCpuLimit.recordsPerSecond(200_000, 200_000)).isCloseTo(100_000, within(1e-9));
    }

    @Test
    void theLimitIsBelowTheSlowerHalf() {
        double limit = SharedCpuLimit.recordsPerSecond(368_545, 90_000);

        assertThat(limit).isLessThan(90_000).isGreaterThan(90_000 / 2.0);
    }

    @Test
    void aRateThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> SharedCpuLimit.recordsPerSecond(0, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("raw producer 0.0");
        assertThatThrownBy(() -> SharedCpuLimit.recordsPerSecond(100, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SharedCpuLimit.recordsPerSecond(Double.POSITIVE_INFINITY, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
