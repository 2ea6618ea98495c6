package io.chimera.insight.platform.stats;

import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The quantiles and tails of Student's t and Fisher's F that the confidence intervals and tests
 * here need, computed as commons-math computes them but without its per-call cost.
 *
 * <p>{@code new TDistribution(df)} seeds a WELL random generator (for sampling, which nothing here
 * does) on every construction, then finds the quantile by an iterative solver, once per
 * configuration and metric of every prompt, every verification and every report: in a profile of
 * the analysis service under load (2026-12-05) that was most of its CPU, on the loop thread that
 * builds prompts and on the threads that verify answers. The distributions here are built without
 * a generator, and the two-sided t quantile of each small degree of freedom is computed once and
 * remembered: the same double, bit for bit, as a fresh distribution gives.
 */
final class Distributions {

    /** Degrees of freedom whose quantile is remembered: a configuration's run count minus one, almost always below. */
    static final int REMEMBERED = 4096;

    /**
     * The remembered quantiles' bits ({@link Double#doubleToRawLongBits}; 0 until computed: a quantile is
     * positive): read once per interval, and boxed values scattered over the heap cost a cache miss each.
     */
    private static final AtomicLongArray QUANTILES = new AtomicLongArray(REMEMBERED + 1);

    private Distributions() {
    }

    /** The quantile t<sub>p, df</sub> with p = 1 − (1 − {@code level}) / 2 of {@link MeanInterval#LEVEL}. */
    static double twoSidedQuantile(long degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1: " + degreesOfFreedom);
        }
        if (degreesOfFreedom > REMEMBERED) {
            return compute(degreesOfFreedom);
        }
        int df = (int) degreesOfFreedom;
        long known = QUANTILES.get(df);
        if (known == 0) {
            // Two threads may both compute it: they get the same value, so either may win.
            double quantile = compute(df);
            QUANTILES.set(df, Double.doubleToRawLongBits(quantile));
            return quantile;
        }
        return Double.longBitsToDouble(known);
    }

    /** P(F' ≥ f) for F' ~ F(df1, df2). */
    static double fUpperTail(double f, double df1, double df2) {
        return 1 - new FDistribution(null, df1, df2).cumulativeProbability(f);
    }

    private static double compute(long degreesOfFreedom) {
        return new TDistribution(null, degreesOfFreedom)
                .inverseCumulativeProbability(1 - (1 - MeanInterval.LEVEL) / 2);
    }
}
