package io.chimera.insight.platform.change;

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
 * close together. Measured with {@code chimera bench changes} (docs/benchmarks.md), Welch at the
 * same alpha raised false alarms on stationary series at 10 % noise more than tenfold and found
 * fresh steps later. Welch stays available for a metric whose noise is known to differ
 * before and after a change by design.
 *
 * <p>Not Mann–Whitney: with 3 runs after 30 the rank test cannot go below a two-sided p-value of
 * 2/C(33, 3) ≈ 3.7e-4 however large the step, above the default alpha, so a fresh change could
 * never be confirmed in time; it is the better test for metrics with heavy tails or outliers (a
 * TTFT with occasional cold starts) where the delay does not matter.
 */
public enum ChangeTest {

    /** Student's t with the pooled variance of both sides. */
    STUDENT("Student t") {
        @Override
        double pValue(StatisticalSummary before, StatisticalSummary after) {
            return new TTest().homoscedasticTTest(before, after);
        }
    },

    /** Welch's t, each side with its own variance. */
    WELCH("Welch t") {
        @Override
        double pValue(StatisticalSummary before, StatisticalSummary after) {
            return new TTest().tTest(before, after);
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
}
