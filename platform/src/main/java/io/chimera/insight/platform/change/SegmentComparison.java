package io.chimera.insight.platform.change;

import io.chimera.insight.platform.stats.MeanInterval;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Two adjacent segments of a series compared: their sizes, means and confidence intervals, the
 * relative change of the mean and the p-value of the settings' two-sample test ({@link ChangeTest}).
 */
final class SegmentComparison {

    private SegmentComparison() {
    }

    /** {@code values[from, index)} against {@code values[index, to)}; both sides need 2 values or more. */
    static ChangePoint compare(ChangeTest test, double[] values, int from, int index, int to) {
        SummaryStatistics before = summary(values, from, index);
        SummaryStatistics after = summary(values, index, to);
        double change = before.getMean() == 0 ? Double.NaN : after.getMean() / before.getMean() - 1;
        return new ChangePoint(index, segment(before, from, index), segment(after, index, to), change,
                pValue(test, before, after), test.label());
    }

    /**
     * The test's two-sided p-value; NaN when both sides are constant: the statistic is then 0/0 or
     * infinite, and a p-value of 0 from two constant samples would claim a certainty the data do not carry.
     */
    private static double pValue(ChangeTest test, SummaryStatistics before, SummaryStatistics after) {
        if (before.getVariance() == 0 && after.getVariance() == 0) {
            return Double.NaN;
        }
        return test.pValue(before, after);
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
