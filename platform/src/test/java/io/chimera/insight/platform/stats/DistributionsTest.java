package io.chimera.insight.platform.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/**
 * Reference values are scipy 1.17's ({@code scipy.stats.t.ppf(0.975, df)}, {@code scipy.stats.f.sf}),
 * taken in the session of 2026-12-05 and written as literals.
 */
class DistributionsTest {

    @Test
    void tQuantilesMatchScipy() {
        // scipy.stats.t.ppf(0.975, df) for df = 1, 2, 9, 29, 100, 4096, 4097, 100000
        assertThat(Distributions.twoSidedQuantile(1)).isCloseTo(12.706204736174694, withinPercentage(1e-6));
        assertThat(Distributions.twoSidedQuantile(2)).isCloseTo(4.302652729749462, withinPercentage(1e-6));
        assertThat(Distributions.twoSidedQuantile(9)).isCloseTo(2.262157162798205, withinPercentage(1e-6));
        assertThat(Distributions.twoSidedQuantile(29)).isCloseTo(2.045229642132703, withinPercentage(1e-6));
        assertThat(Distributions.twoSidedQuantile(100)).isCloseTo(1.9839715185235518, withinPercentage(1e-6));
        assertThat(Distributions.twoSidedQuantile(4096)).isCloseTo(1.960543320592114, withinPercentage(1e-6));
        assertThat(Distributions.twoSidedQuantile(4097)).isCloseTo(1.9605431791460999, withinPercentage(1e-6));
        assertThat(Distributions.twoSidedQuantile(100_000)).isCloseTo(1.9599877075346095, withinPercentage(1e-6));
    }

    @Test
    void aRememberedQuantileIsBitForBitWhatAFreshDistributionGives() {
        for (long df : new long[] {1, 2, 3, 7, 30, 999, Distributions.REMEMBERED, Distributions.REMEMBERED + 1,
                250_000}) {
            double fresh = new TDistribution(df).inverseCumulativeProbability(0.975);
            assertThat(Distributions.twoSidedQuantile(df)).as("df %d, first", df).isEqualTo(fresh);
            assertThat(Distributions.twoSidedQuantile(df)).as("df %d, remembered", df).isEqualTo(fresh);
        }
    }

    @Test
    void fUpperTailMatchesScipyAndCommonsMath() {
        // scipy.stats.f.sf(3.2, 2, 17.5)
        assertThat(Distributions.fUpperTail(3.2, 2, 17.5)).isCloseTo(0.06540354562297394, withinPercentage(1e-6));
        assertThat(Distributions.fUpperTail(3.2, 2, 17.5))
                .isEqualTo(1 - new FDistribution(2, 17.5).cumulativeProbability(3.2));
    }

    @Test
    void meanIntervalUsesTheQuantile() {
        // mean 100, variance 25, 10 values: 100 ∓ scipy.stats.t.ppf(0.975, 9) * sqrt(25 / 10)
        MeanInterval interval = MeanInterval.of(10, 100, 25).orElseThrow();
        assertThat(interval.low()).isCloseTo(96.42321547014667, withinPercentage(1e-8));
        assertThat(interval.high()).isCloseTo(103.57678452985333, withinPercentage(1e-8));
    }

    @Test
    void noDegreesOfFreedomIsRefused() {
        assertThatThrownBy(() -> Distributions.twoSidedQuantile(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
