package io.chimera.insight.platform.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.StatisticalSummary;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

/**
 * The interval of a change that the minimum effect is judged on. Reference values from scipy 1.17.1
 * (session of 2026-12-05): {@code r = scipy.stats.ttest_ind(after, before)} (and with
 * {@code equal_var=False} for Welch), {@code r.confidence_interval(0.95)} is the interval of
 * mean(after) − mean(before), and its far end over {@code before.mean()} the largest plausible effect.
 */
class SegmentComparisonTest {

    /**
     * 30 runs around 100 and 5 around 105 (CV 1 %), drawn with numpy ({@code default_rng(8)},
     * {@code normal(100, 1, 30)} then {@code normal(105, 1, 5)}, rounded to 0.01): a true 5 % step that
     * the noise measures at +4.65 %.
     */
    static final double[] STEP_AT_MIN_EFFECT = {98.26, 98.66, 98.64, 99.65, 97.69, 99.81, 99.04, 100.89, 100.96,
        101.39, 100.77, 99.95, 100.86, 101.51, 99.35, 100.61, 99.96, 101.44, 99.16, 99.7, 100.36, 100.26, 98.36, 100.36,
        99.88, 99.76, 99.84, 100.22, 98.18, 101.55,
        104.14, 102.76, 104.92, 106.46, 104.48};

    @Test
    void studentsIntervalOfTheDifferenceIsScipys() {
        SegmentComparison comparison = SegmentComparison.compare(ChangeTest.STUDENT, STEP_AT_MIN_EFFECT, 0, 30, 35);

        // sum(before) = 2997.07, sum(after) = 522.76: +4.654 %, below the 5 % minimum effect
        assertThat(comparison.point().changeFraction()).isCloseTo((522.76 / 5) / (2997.07 / 30) - 1, within(1e-12));
        assertThat(comparison.point().changeFraction()).isLessThan(0.05);
        // r.pvalue = 3.906362934448275e-10; r.confidence_interval(0.95) = (3.5708127946114567, 5.728520538721837)
        assertThat(comparison.point().pValue()).isCloseTo(3.906362934448275e-10, withinPercentage(1e-3));
        double[] interval = ChangeTest.STUDENT.meanDifferenceInterval(summary(0, 30), summary(30, 35), 0.95);
        assertThat(interval[0]).isCloseTo(3.5708127946114567, within(1e-9));
        assertThat(interval[1]).isCloseTo(5.728520538721837, within(1e-9));
        // 5.728520538721837 / mean(before) = 0.05734120863431789: the data are consistent with +5.7 %
        assertThat(comparison.largestPlausibleEffect()).isCloseTo(0.05734120863431789, within(1e-12));
    }

    /**
     * The p-value is computed when first asked for (a candidate the minimum effect rejects never is),
     * and is the very value an eager test gives, the one the change point then carries.
     */
    @Test
    void thePValueIsComputedWhenFirstAskedForAndIsTheTestsOwn() {
        SegmentComparison comparison = SegmentComparison.compare(ChangeTest.STUDENT, STEP_AT_MIN_EFFECT, 0, 30, 35);
        assertThat(comparison.largestPlausibleEffect()).isGreaterThan(0.05);
        assertThat(comparison.pValueComputed()).isFalse();

        double pValue = comparison.pValue();
        assertThat(comparison.pValueComputed()).isTrue();
        assertThat(pValue).isEqualTo(new TTest().homoscedasticTTest(summary(0, 30), summary(30, 35)));
        assertThat(comparison.point().pValue()).isEqualTo(pValue);
    }

    /**
     * Student's interval takes its quantile from the one {@code MeanInterval} remembers per degrees of
     * freedom: the very value solving for it gives, so every interval (and every change it confirms) is
     * what it was when it was solved for at each test.
     */
    @Test
    void studentsRememberedQuantileIsTheSolvedOneToTheLastBit() {
        SummaryStatistics x = summary(0, 30);
        SummaryStatistics y = summary(30, 35);
        for (int before = 2; before <= 400; before += 7) {
            for (int after = 2; after <= 12; after += 5) {
                double df = before + after - 2;
                double solved = new TDistribution(null, df).inverseCumulativeProbability(0.975);
                double difference = y.getMean() - x.getMean();
                double[] interval = ChangeTest.STUDENT.meanDifferenceInterval(sized(x, before), sized(y, after), 0.95);
                double expectedError = ChangeTest.STUDENT.standardError(sized(x, before), sized(y, after)).value();
                assertThat(interval).containsExactly(difference - solved * expectedError, difference + solved * expectedError);
            }
        }
    }

    @Test
    void welchsIntervalIsScipysWithUnequalVariances() {
        SegmentComparison comparison = SegmentComparison.compare(ChangeTest.WELCH, STEP_AT_MIN_EFFECT, 0, 30, 35);

        // equal_var=False: r.pvalue = 0.0007951278295704149,
        // r.confidence_interval(0.95) = (3.0202082944041524, 6.279125038929141)
        assertThat(comparison.point().pValue()).isCloseTo(0.0007951278295704149, withinPercentage(1e-3));
        double[] interval = ChangeTest.WELCH.meanDifferenceInterval(summary(0, 30), summary(30, 35), 0.95);
        assertThat(interval[0]).isCloseTo(3.0202082944041524, within(1e-9));
        assertThat(interval[1]).isCloseTo(6.279125038929141, within(1e-9));
        assertThat(comparison.largestPlausibleEffect()).isCloseTo(0.06285263646423815, within(1e-12));
    }

    @Test
    void theFarEndOfADownwardChangeIsItsLowEndInMagnitude() {
        double[] mirrored = Arrays.stream(STEP_AT_MIN_EFFECT).map(v -> 200 - v).toArray();

        SegmentComparison comparison = SegmentComparison.compare(ChangeTest.STUDENT, mirrored, 0, 30, 35);

        // The same differences with the sign turned: the interval is (-5.7285..., -3.5708...), and the far end
        // from 0 is 5.7285... over the mirrored before mean, 200 - 2997.07 / 30
        assertThat(comparison.point().changeFraction()).isNegative();
        assertThat(comparison.largestPlausibleEffect())
                .isCloseTo(5.728520538721837 / (200 - 2997.07 / 30), within(1e-12));
    }

    @Test
    void twoConstantSidesHaveNoInterval() {
        double[] constant = {100, 100, 100, 120, 120, 120};

        assertThat(SegmentComparison.compare(ChangeTest.STUDENT, constant, 0, 3, 6).largestPlausibleEffect()).isNaN();
    }

    /** {@code summary}'s mean and variance, as if over {@code n} values. */
    private static StatisticalSummary sized(SummaryStatistics summary, long n) {
        return new StatisticalSummaryValues(summary.getMean(), summary.getVariance(), n, summary.getMax(),
                summary.getMin(), summary.getMean() * n);
    }

    private static SummaryStatistics summary(int from, int to) {
        SummaryStatistics summary = new SummaryStatistics();
        for (int i = from; i < to; i++) {
            summary.addValue(STEP_AT_MIN_EFFECT[i]);
        }
        return summary;
    }
}
