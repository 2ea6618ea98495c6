package io.chimera.insight.platform.change;

import io.chimera.insight.platform.stats.MeanInterval;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.StatisticalSummary;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The two-sample test that confirms a candidate change (commons-math3's {@link TTest}, two-sided).
 *
 * <p>{@link #STUDENT} is the default. The question is whether the series has the same distribution
 * on both sides; under that null hypothesis the variances are equal, so the pooled variance is the
 * right estimate, and it comes from every run of both sides. Welch's test estimates each side's
 * variance on its own: with the 3 to 5 runs after a fresh change that estimate is noise, and the
 * divergence, which rewards tight segments, picks exactly the splits whose few runs happen to lie
 * close together. Measured with {@code chimera bench changes} (docs/benchmarks.md) at the default
 * alpha, Welch found 4σ steps within 5 runs in a quarter of the series where Student found all,
 * and raised three times the false alarms at 10 % noise. Welch stays available for a metric whose
 * noise is known to differ before and after a change by design.
 *
 * <p>Not Mann–Whitney: on the few runs right after a change the rank test's p-value has a floor
 * however large the step (3 runs after 30: 2/C(33, 3) ≈ 3.7e-4, far above the default alpha), so a
 * fresh change would be confirmed runs later; it is the better test for metrics with heavy tails or
 * outliers (a TTFT with occasional cold starts), where that delay is the price of robustness.
 */
public enum ChangeTest {

    /** Student's t with the pooled variance of both sides. */
    STUDENT("Student t") {
        @Override
        double pValue(StatisticalSummary before, StatisticalSummary after) {
            return new TTest().homoscedasticTTest(before, after);
        }

        @Override
        StandardError standardError(StatisticalSummary before, StatisticalSummary after) {
            double n1 = before.getN();
            double n2 = after.getN();
            double pooled = ((n1 - 1) * before.getVariance() + (n2 - 1) * after.getVariance()) / (n1 + n2 - 2);
            return new StandardError(Math.sqrt(pooled * (1 / n1 + 1 / n2)), n1 + n2 - 2);
        }
    },

    /** Welch's t, each side with its own variance. */
    WELCH("Welch t") {
        @Override
        double pValue(StatisticalSummary before, StatisticalSummary after) {
            return new TTest().tTest(before, after);
        }

        @Override
        StandardError standardError(StatisticalSummary before, StatisticalSummary after) {
            double v1 = before.getVariance() / before.getN();
            double v2 = after.getVariance() / after.getN();
            // Welch–Satterthwaite
            double df = (v1 + v2) * (v1 + v2)
                    / (v1 * v1 / (before.getN() - 1) + v2 * v2 / (after.getN() - 1));
            return new StandardError(Math.sqrt(v1 + v2), df);
        }
    };

    private final String label;

    ChangeTest(String label) {
        this.label = label;
    }

    /** The name a reader sees, as {@link ChangePoint#test()} carries it. */
    public String label() {
        return label;
    }

    /** Two-sided p-value of "same mean"; both sides have 2 values or more and not both are constant. */
    abstract double pValue(StatisticalSummary before, StatisticalSummary after);

    /**
     * The confidence interval of after's mean less before's, {@code {low, high}}, with this test's
     * standard error and degrees of freedom (the interval that inverts the test: it excludes 0 exactly
     * when the two-sided p-value is below 1 − {@code confidence}); as scipy's
     * {@code ttest_ind(after, before, equal_var=...).confidence_interval(confidence)}. Both sides have
     * 2 values or more and not both are constant.
     */
    double[] meanDifferenceInterval(StatisticalSummary before, StatisticalSummary after, double confidence) {
        StandardError error = standardError(before, after);
        double degreesOfFreedom = error.degreesOfFreedom();
        // Student's at the level of MeanInterval (every evaluation's): the quantile that interval
        // remembers per degrees of freedom, the same value (solving for it again was most of an
        // evaluation's test, profiled in the bench). Welch's degrees of freedom are fractional: solved
        // for, without a random generator (one would be seeded per call for sampling, which nothing
        // here does; platform.stats.Distributions measured that cost).
        boolean remembered = confidence == MeanInterval.LEVEL && degreesOfFreedom >= 1
                && degreesOfFreedom == Math.rint(degreesOfFreedom);
        double t = remembered ? MeanInterval.quantile((long) degreesOfFreedom)
                : new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double difference = after.getMean() - before.getMean();
        return new double[] {difference - t * error.value(), difference + t * error.value()};
    }

    /** The standard error of the difference of means as this test estimates it, and its degrees of freedom. */
    abstract StandardError standardError(StatisticalSummary before, StatisticalSummary after);

    record StandardError(double value, double degreesOfFreedom) {
    }
}
