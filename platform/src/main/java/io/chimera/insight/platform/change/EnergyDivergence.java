package io.chimera.insight.platform.change;

import java.util.Arrays;

/**
 * The e-divisive divergence of Matteson and James (2014) with exponent 1 on one segment of a series:
 * for a split of {@code z[from, kappa)} at {@code tau} into X = {@code z[from, tau)} and Y =
 * {@code z[tau, kappa)}, of sizes n and m,
 *
 * <pre>
 *   Q(tau, kappa) = n m / (n + m) * ( 2/(n m) * sum|x - y| - sum_{i<k}|x_i - x_k| / C(n, 2) - sum_{j<k}|y_j - y_k| / C(m, 2) )
 * </pre>
 *
 * the between-segment mean distance less the two within-segment mean distances, weighted by the
 * segment sizes. It grows with any difference of distribution and needs no assumption about its
 * shape. The best split maximizes Q over tau and the end kappa (a shorter Y keeps a later change
 * from blurring this one, as Otava's documentation explains).
 *
 * <p>All (tau, kappa) are scored in O(m<sup>2</sup>) time and O(m) memory for a segment of m values:
 * with W(a, b) the sum of pairwise distances within {@code z[a, b)}, the between sum is
 * W(from, kappa) - W(from, tau) - W(tau, kappa), and W(tau, kappa + 1) = W(tau, kappa) +
 * sum_{tau <= i < kappa}|z_i - z_kappa| extends every W(., kappa) by one value in a single sweep.
 */
public final class EnergyDivergence {

    private EnergyDivergence() {
    }

    /**
     * The best split of one segment.
     *
     * @param tau   first index of Y, the candidate change point
     * @param kappa end (exclusive) of Y at the maximum
     * @param q     the divergence there
     */
    public record Split(int tau, int kappa, double q) {
    }

    /**
     * The split of {@code z[from, to)} with the largest divergence among those with at least
     * {@code minSegment} values on each side; the earliest (tau, then kappa) on ties, so the answer is
     * deterministic. Null when the segment is shorter than {@code 2 * minSegment}.
     */
    public static Split best(double[] z, int from, int to, int minSegment) {
        if (minSegment < 2) {
            throw new IllegalArgumentException("minSegment must be at least 2, got " + minSegment);
        }
        if (from < 0 || to > z.length || to - from < 2 * minSegment) {
            return null;
        }
        Sweep sweep = new Sweep(from, minSegment, to - from);
        sweep.extend(z, to);
        return sweep.best();
    }

    /**
     * The scoring of every (tau, kappa) of a segment starting at {@code from}, one end kappa at a time
     * in ascending order: what {@link #best} does, kept so that it can go on when values are appended
     * ({@link DivergenceSweep}). Resuming at kappa does exactly the arithmetic, in the same order, that
     * one sweep to the new end would, so the best split is the same to the last bit.
     */
    static final class Sweep {

        private final int from;
        private final int minSegment;
        /** within[t - from] = W(t, kappa) for the current kappa; withinFromStart[k - from] = W(from, k). */
        private double[] within;
        private double[] withinFromStart;
        /** The end (exclusive) of the values swept so far. */
        private int end;
        private int bestTau = -1;
        private int bestKappa = -1;
        private double bestQ = Double.NEGATIVE_INFINITY;

        Sweep(int from, int minSegment, int capacity) {
            this.from = from;
            this.minSegment = minSegment;
            this.end = from;
            this.within = new double[capacity + 1];
            this.withinFromStart = new double[capacity + 1];
        }

        /**
         * Scores every split of {@code z[from, kappa)} for each kappa up to {@code to}; {@code z} holds
         * the values swept so far, unchanged.
         */
        void extend(double[] z, int to) {
            if (to - from + 1 > within.length) {
                int capacity = Math.max(to - from + 1, 2 * within.length);
                within = Arrays.copyOf(within, capacity);
                withinFromStart = Arrays.copyOf(withinFromStart, capacity);
            }
            for (int kappa = end; kappa < to; kappa++) {
                // Add z[kappa] to every slice z[t, kappa): it pairs with each value from t on.
                double column = 0;
                for (int t = kappa - 1; t >= from; t--) {
                    column += Math.abs(z[t] - z[kappa]);
                    within[t - from] += column;
                }
                int next = kappa + 1;
                withinFromStart[next - from] = within[0];
                for (int tau = from + minSegment; tau <= next - minSegment; tau++) {
                    double n = tau - from;
                    double m = next - tau;
                    double withinX = withinFromStart[tau - from];
                    double withinY = within[tau - from];
                    double between = within[0] - withinX - withinY;
                    double q = n * m / (n + m)
                            * (2 * between / (n * m) - withinX / (n * (n - 1) / 2) - withinY / (m * (m - 1) / 2));
                    if (q > bestQ || (q == bestQ && tau < bestTau)) {
                        bestQ = q;
                        bestTau = tau;
                        bestKappa = next;
                    }
                }
            }
            end = Math.max(end, to);
        }

        /** The best split of the values swept so far; null when there is none (too few values). */
        Split best() {
            return bestTau < 0 ? null : new Split(bestTau, bestKappa, bestQ);
        }
    }
}
