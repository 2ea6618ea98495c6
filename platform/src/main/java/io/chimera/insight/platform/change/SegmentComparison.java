package io.chimera.insight.platform.change;

import io.chimera.insight.platform.stats.MeanInterval;
import java.util.Optional;

/**
 * Two adjacent segments of a series compared: their sizes, means and confidence intervals, the
 * relative change of the mean and the p-value of the settings' two-sample test ({@link ChangeTest}),
 * as a {@link ChangePoint}; and how large a relative change the data are still consistent with
 * ({@link #largestPlausibleEffect()}), which the detector's minimum effect is judged on.
 *
 * <p>The change point, and with it the p-value, is made when first asked for, not with the comparison:
 * a candidate split whose effect falls short of the minimum is rejected without its p-value (the t
 * distribution's regularized beta, the costliest step of a comparison), and a rejected candidate
 * needs no change point at all. At an evaluation of a series without a change, that is the whole
 * test (profiled in the bench). The values are those an eager comparison gives, to the last bit.
 */
final class SegmentComparison {

    /**
     * The confidence of the interval of the change that the minimum effect is judged on: the same
     * 95 % as the segments' intervals a reader sees beside the change.
     */
    static final double EFFECT_CONFIDENCE = 0.95;

    private final ChangeTest test;
    private final SegmentMoments before;
    private final SegmentMoments after;
    private final int from;
    private final int index;
    private final int to;
    /** Null until asked for ({@link #point()}). */
    private ChangePoint point;
    private double pValue;
    private boolean pValueKnown;

    private SegmentComparison(ChangeTest test, SegmentMoments before, SegmentMoments after, int from, int index, int to) {
        this.test = test;
        this.before = before;
        this.after = after;
        this.from = from;
        this.index = index;
        this.to = to;
    }

    /** {@code values[from, index)} against {@code values[index, to)}; both sides need 2 values or more. */
    static SegmentComparison compare(ChangeTest test, double[] values, int from, int index, int to) {
        return new SegmentComparison(test, summary(values, from, index), summary(values, index, to), from, index, to);
    }

    /** The change point: the segments, the relative change and the p-value. */
    ChangePoint point() {
        if (point == null) {
            double change = before.getMean() == 0 ? Double.NaN : after.getMean() / before.getMean() - 1;
            point = new ChangePoint(index, segment(before, from, index), segment(after, index, to), change, pValue(),
                    test.label());
        }
        return point;
    }

    /** Whether the p-value was computed yet: for tests of when it is. */
    boolean pValueComputed() {
        return pValueKnown;
    }

    /** The test's two-sided p-value, as {@link #point()} carries it; computed once, when first asked for. */
    double pValue() {
        if (!pValueKnown) {
            pValue = pValue(test, before, after);
            pValueKnown = true;
        }
        return pValue;
    }

    /**
     * The far end from 0 of the {@link #EFFECT_CONFIDENCE} interval of the relative change: the
     * test's interval of the difference of means divided by before's mean, |d| + t × SE over |mean
     * before|. The before mean is taken as known (it is mostly the longer, older segment); its own
     * error widens the interval by about the relative change times before's relative standard error,
     * a fraction of a percent point for the changes near a minimum effect. Infinite from a mean of 0
     * to any other (the relative change is unbounded); NaN when both sides are constant, as the p-value.
     */
    double largestPlausibleEffect() {
        if (before.getVariance() == 0 && after.getVariance() == 0) {
            return Double.NaN;
        }
        double[] difference = test.meanDifferenceInterval(before, after, EFFECT_CONFIDENCE);
        double farthest = Math.max(Math.abs(difference[0]), Math.abs(difference[1]));
        if (before.getMean() == 0) {
            return farthest == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return farthest / Math.abs(before.getMean());
    }

    /**
     * The test's two-sided p-value; NaN when both sides are constant: the statistic is then 0/0 or
     * infinite, and a p-value of 0 from two constant samples would claim a certainty the data do not carry.
     */
    private static double pValue(ChangeTest test, SegmentMoments before, SegmentMoments after) {
        if (before.getVariance() == 0 && after.getVariance() == 0) {
            return Double.NaN;
        }
        return test.pValue(before, after);
    }

    /** {@link SegmentMoments}: the mean and variance {@code SummaryStatistics} gives, without its logarithms. */
    private static SegmentMoments summary(double[] values, int from, int to) {
        return SegmentMoments.of(values, from, to);
    }

    private static ChangePoint.Segment segment(SegmentMoments summary, int from, int to) {
        Optional<MeanInterval> interval = MeanInterval.of(summary.getN(), summary.getMean(), summary.getVariance());
        return new ChangePoint.Segment(from, to, (int) summary.getN(), summary.getMean(),
                interval.map(MeanInterval::low).orElse(Double.NaN), interval.map(MeanInterval::high).orElse(Double.NaN));
    }
}
