package io.chimera.insight.platform.stats;

import java.util.Optional;

/**
 * A 95 % confidence interval of a mean: mean ± t<sub>0.975, n−1</sub> × s / √n (Student's t). Needs
 * at least two values: one value says nothing about its own spread.
 */
public record MeanInterval(double low, double high) {

    public static final double LEVEL = 0.95;

    /** The interval of a mean of {@code count} values with sample variance {@code variance}; empty below 2 values. */
    public static Optional<MeanInterval> of(long count, double mean, double variance) {
        if (!exists(count, variance)) {
            return Optional.empty();
        }
        double halfWidth = halfWidth(count, variance);
        return Optional.of(new MeanInterval(mean - halfWidth, mean + halfWidth));
    }

    /** Whether {@link #of} gives an interval for these figures: two values or more, and a variance. */
    public static boolean exists(long count, double variance) {
        return count >= 2 && variance >= 0;
    }

    /**
     * Half the width of the interval {@link #of} gives, for a caller that needs only one of its ends (a
     * ranking by them); its ends are mean − and mean + this, bit for bit. Only where {@link #exists}.
     */
    public static double halfWidth(long count, double variance) {
        return quantile(count - 1) * Math.sqrt(variance / count);
    }

    /**
     * t<sub>p, df</sub> with p = 1 − (1 − {@link #LEVEL}) / 2, the quantile of these intervals: remembered
     * per degrees of freedom (solving for it is most of an interval's cost), so that other intervals at
     * this level (change detection's) need not solve for it again.
     */
    public static double quantile(long degreesOfFreedom) {
        return Distributions.twoSidedQuantile(degreesOfFreedom);
    }
}
