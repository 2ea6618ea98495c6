package io.chimera.insight.platform.change;

import org.apache.commons.math3.stat.descriptive.StatisticalSummary;

/**
 * A segment's count, mean and variance, as commons-math3's {@code SummaryStatistics} computes them
 * (its {@code FirstMoment} and {@code SecondMoment} updates, step for step, so the same values to the
 * last bit), without the statistics nobody here reads: {@code SummaryStatistics} also keeps the sum
 * of logarithms, the geometric mean and the sum of squares of every value it is given, and the
 * logarithms were most of a comparison's cost (profiled in the bench: a change's comparisons run at
 * every evaluation of a series that holds one). The two-sample tests read the mean, the variance and
 * the count only ({@code TTest}, {@link ChangeTest}).
 */
final class SegmentMoments implements StatisticalSummary {

    private long n;
    private double m1;
    private double m2;
    private double sum;
    private double min = Double.NaN;
    private double max = Double.NaN;

    /** The moments of {@code values[from, to)}. */
    static SegmentMoments of(double[] values, int from, int to) {
        SegmentMoments moments = new SegmentMoments();
        for (int i = from; i < to; i++) {
            moments.add(values[i]);
        }
        return moments;
    }

    /** Adds one value: {@code SecondMoment.increment}, which runs {@code FirstMoment.increment} first. */
    void add(double value) {
        n++;
        double dev = value - m1;
        double nDev = dev / n;
        m1 += nDev;
        m2 += ((double) n - 1) * dev * nDev;
        sum += value;
        // As commons-math's Min and Max: NaN until the first value, then the extreme.
        min = n == 1 || value < min ? value : min;
        max = n == 1 || value > max ? value : max;
    }

    @Override
    public double getMean() {
        return n == 0 ? Double.NaN : m1;
    }

    /** The bias-corrected variance: NaN with no value, 0 with one, m2 / (n - 1) from two on. */
    @Override
    public double getVariance() {
        if (n == 0) {
            return Double.NaN;
        }
        return n == 1 ? 0 : m2 / (n - 1d);
    }

    @Override
    public double getStandardDeviation() {
        return n == 0 ? Double.NaN : n == 1 ? 0 : Math.sqrt(getVariance());
    }

    @Override
    public long getN() {
        return n;
    }

    @Override
    public double getSum() {
        return sum;
    }

    @Override
    public double getMin() {
        return min;
    }

    @Override
    public double getMax() {
        return max;
    }
}
