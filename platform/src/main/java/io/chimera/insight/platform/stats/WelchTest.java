package io.chimera.insight.platform.stats;

import io.chimera.insight.events.MetricStats;
import java.util.OptionalDouble;
import org.apache.commons.math3.stat.descriptive.StatisticalSummary;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Welch's two-sample t-test (unequal variances) on published summary statistics, so two
 * configurations compare without their raw runs: count, mean and sample standard deviation are
 * all the test needs, and {@code MetricStats} carries them.
 */
public final class WelchTest {

    private WelchTest() {
    }

    /**
     * Two-sided p-value of "the means are equal".
     *
     * @return empty when the test is undefined: either side has fewer than 2 values (no variance
     *         estimate), or both sides have zero variance (the statistic is 0/0 or ±infinity, and a
     *         p-value of 0 from two constant samples would claim a certainty the data do not carry)
     */
    public static OptionalDouble pValue(MetricStats a, MetricStats b) {
        if (a.getCount() < 2 || b.getCount() < 2) {
            return OptionalDouble.empty();
        }
        if (a.getStddev() == 0.0 && b.getStddev() == 0.0) {
            return OptionalDouble.empty();
        }
        double p = new TTest().tTest(summary(a), summary(b));
        return Double.isNaN(p) ? OptionalDouble.empty() : OptionalDouble.of(p);
    }

    /** Only mean, variance and n are read by the test; min, max and sum are filled for completeness. */
    private static StatisticalSummary summary(MetricStats stats) {
        double variance = stats.getStddev() * stats.getStddev();
        return new StatisticalSummaryValues(stats.getMean(), variance, stats.getCount(), stats.getMax(), stats.getMin(),
                stats.getMean() * stats.getCount());
    }
}
