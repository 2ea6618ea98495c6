package io.chimera.insight.platform.stats;

import static io.chimera.insight.platform.stats.StatsFixtures.tokensPerS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.chimera.insight.events.MetricStats;
import org.junit.jupiter.api.Test;

/** Expected p-values are scipy's {@code ttest_ind_from_stats(..., equal_var=False)} / {@code ttest_ind}, written as literals. */
class WelchTestTest {

    @Test
    void matchesScipyOnSummaryStatistics() {
        // scipy.stats.ttest_ind_from_stats(100, 5, 10, 104, 8, 12, equal_var=False).pvalue
        assertThat(WelchTest.pValue(tokensPerS(10, 100, 5), tokensPerS(12, 104, 8)).getAsDouble())
                .isCloseTo(0.16944076284917706, withinPercentage(1e-4));
        // scipy.stats.ttest_ind_from_stats(100, 5, 10, 120, 4, 8, equal_var=False).pvalue
        assertThat(WelchTest.pValue(tokensPerS(10, 100, 5), tokensPerS(8, 120, 4)).getAsDouble())
                .isCloseTo(6.203696824562042e-08, withinPercentage(1e-4));
    }

    @Test
    void matchesScipyOnRawSamplesSummarisedByHand() {
        double[] a = {98.2, 99.1, 97.5, 100.3, 98.8};
        double[] b = {101.0, 102.4, 100.7, 103.1, 101.9, 102.2};
        // scipy.stats.ttest_ind(a, b, equal_var=False).pvalue
        assertThat(WelchTest.pValue(summarise(a), summarise(b)).getAsDouble())
                .isCloseTo(0.000804993751374716, withinPercentage(1e-4));
    }

    @Test
    void isSymmetricInItsArguments() {
        MetricStats a = tokensPerS(10, 100, 5);
        MetricStats b = tokensPerS(12, 104, 8);
        assertThat(WelchTest.pValue(a, b).getAsDouble()).isEqualTo(WelchTest.pValue(b, a).getAsDouble());
    }

    @Test
    void isDefinedWhenOnlyOneSideIsConstant() {
        // scipy.stats.ttest_ind_from_stats(50, 0, 4, 52, 3, 5, equal_var=False).pvalue
        assertThat(WelchTest.pValue(tokensPerS(4, 50, 0), tokensPerS(5, 52, 3)).getAsDouble())
                .isCloseTo(0.210295383118347, withinPercentage(1e-4));
    }

    @Test
    void isUndefinedWithFewerThanTwoValuesOnEitherSide() {
        assertThat(WelchTest.pValue(tokensPerS(1, 100, 0), tokensPerS(10, 120, 4))).isEmpty();
        assertThat(WelchTest.pValue(tokensPerS(10, 100, 5), tokensPerS(1, 120, 0))).isEmpty();
    }

    @Test
    void isUndefinedWhenBothSidesAreConstant() {
        assertThat(WelchTest.pValue(tokensPerS(5, 100, 0), tokensPerS(5, 120, 0))).isEmpty();
    }

    /** Mean and sample standard deviation by the textbook formulas. */
    private static MetricStats summarise(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return tokensPerS(values.length, mean, Math.sqrt(squares / (values.length - 1)));
    }
}
