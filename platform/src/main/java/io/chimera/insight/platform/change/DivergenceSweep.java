package io.chimera.insight.platform.change;

import java.util.Arrays;

/**
 * The divergence search over a whole series ({@link EnergyDivergence#best} of {@code [0, n)}, the
 * first and, for a series without a change, only search of {@link EDivisiveMeans}), kept between two
 * evaluations of the same series so that the next one scores only the (tau, kappa) the values
 * appended since then add: O(n &times; new values) instead of O(n<sup>2</sup>). Runs mostly arrive
 * in series order, so a series that grew by a few runs is searched again at the cost of those runs.
 *
 * <p>It changes no answer: it keeps the values it swept, and goes on only when the series given
 * starts with exactly them (the same bits), where the sweep it resumes is the one a search of the new
 * series would have made up to there, step for step; otherwise (a run placed before others, a replaced
 * file, the history bound dropping the oldest, a run found cold) it starts over on the series given.
 * So a sweep is a cache of a pure computation, checked against its input at every use: it never needs
 * to be told of what changed. Not thread-safe; one per series.
 */
public final class DivergenceSweep {

    private final int minSegment;
    private double[] swept = new double[0];
    private EnergyDivergence.Sweep sweep;

    /** @param minSegment the fewest values on either side of a split, as the detector's */
    public DivergenceSweep(int minSegment) {
        if (minSegment < 2) {
            throw new IllegalArgumentException("minSegment must be at least 2, got " + minSegment);
        }
        this.minSegment = minSegment;
    }

    /** {@link EnergyDivergence#best}{@code (values, 0, values.length, minSegment)}, resumed where it can be. */
    EnergyDivergence.Split best(double[] values) {
        boolean grown = sweep != null && values.length >= swept.length
                && Arrays.equals(values, 0, swept.length, swept, 0, swept.length);
        if (!grown) {
            sweep = new EnergyDivergence.Sweep(0, minSegment, values.length);
        }
        sweep.extend(values, values.length);
        swept = values.clone();
        return values.length < 2 * minSegment ? null : sweep.best();
    }

    /** The fewest values on either side of a split this sweep scores. */
    public int minSegment() {
        return minSegment;
    }

    /**
     * How many values it holds, for a bounded memory of sweeps: each weighs three to five doubles (the
     * values, and the two sums per value, in arrays that grow by doubling).
     */
    public int size() {
        return swept.length;
    }
}
