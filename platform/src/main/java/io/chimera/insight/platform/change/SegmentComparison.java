package io.chimera.insight.platform.change;

import io.chimera.insight.platform.stats.MeanInterval;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Two adjacent segments of a series compared: their sizes, means and confidence intervals, the
 * relative change of the mean and Welch's two-sample t-test.
 *
 * <p>Welch rather than Student: the segments on either side of a change need not share a variance
 * (a regression often makes a metric noisier too), and Student's pooled variance would then give
 * wrong p-values. Welch rather than Mann–Whitney: on a handful of runs after a change the rank test
 * cannot reach a small p-value at all when the segment is short (with 3 runs after 30, the
 * smallest two-sided p-value is 2/C(33, 3) ≈ 3.7e-4, however large the step), and benchmark noise is
 * close to normal around a stable mean; Mann–Whitney is the better test where a metric has heavy
 * tails or outliers (a TTFT with occasional cold starts), at the cost of that floor.
 */
final class SegmentComparison {

    static final String TEST = "Welch t";

    private SegmentComparison() {
    }

    /** {@code values[from, index)} against {@code values[index, to)}; both sides need 2 values or more. */
    static ChangePoint compare(double[] values, int from, int index, int to) {
        SummaryStatistics before = summary(values, from, index);
        SummaryStatistics after = summary(values, index, to);
        double change = before.getMean() == 0 ? Double.NaN : after.getMean() / before.getMean() - 1;
        return new ChangePoint(index, segment(before, from, index), segment(after, index, to), change,
                pValue(before, after), TEST);
    }

    /**
     * Welch's two-sided p-value; NaN when both sides are constant: the statistic is then 0/0 or
     * infinite, and a p-value of 0 from two constant samples would claim a certainty the data do not carry.
     */
    private static double pValue(SummaryStatistics before, SummaryStatistics after) {
        if (before.getVariance() == 0 && after.getVariance() == 0) {
            return Double.NaN;
        }
        return new TTest().tTest(before, after);
    }

    private static SummaryStatistics summary(double[] values, int from, int to) {
        SummaryStatistics summary = new SummaryStatistics();
        for (int i = from; i < to; i++) {
            summary.addValue(values[i]);
        }
        return summary;
    }

    private static ChangePoint.Segment segment(SummaryStatistics summary, int from, int to) {
        Optional<MeanInterval> interval = MeanInterval.of(summary.getN(), summary.getMean(), summary.getVariance());
        return new ChangePoint.Segment(from, to, (int) summary.getN(), summary.getMean(),
                interval.map(MeanInterval::low).orElse(Double.NaN), interval.map(MeanInterval::high).orElse(Double.NaN));
    }
}
