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
        if (count < 2 || !(variance >= 0)) {
            return Optional.empty();
        }
        double t = quantile(count - 1);
        double halfWidth = t * Math.sqrt(variance / count);
        return Optional.of(new MeanInterval(mean - halfWidth, mean + halfWidth));
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
