package io.chimera.insight.aggregate.statistics;

import java.math.BigInteger;

/**
 * The count, mean and M2 of a union of parts, each part given by its own count n, mean μ and M2
 * (a (file, config) entry's moments of one metric), computed so that the result depends on the set of
 * parts alone, not on the order they came in or on parts that were added and taken out again.
 *
 * <p>In real arithmetic the union has N = Σn, mean S / N and M2 = T − S² / N, where S = Σ nμ and
 * T = Σ (M2 + nμ²). Each product is split into doubles that add up to it exactly (Dekker's product,
 * with {@link Math#fma}), and S and T are {@link ExactSum}s of those, so they round nothing; the mean
 * and M2 are then worked out from S, T and N in integers and rounded once, to the nearest double.
 * Chan et al.'s pairwise merge, which this replaces in the model's figures, rounds at every step, so
 * its last bits depend on the order of the merges: that order had to be fixed, and every part kept
 * to replay it.
 *
 * <p>A part whose nμ or nμ² is not finite (values near {@link Double#MAX_VALUE}) cannot be summed; it
 * is counted instead, and while one is in, the mean and M2 are NaN (its nμ) or the M2 infinite (its
 * M2 or nμ²).
 *
 * <p>Mutable and not thread-safe.
 */
final class ExactMoments {

    /** The extra bits the quotients are worked out to beyond a double's 53, so that rounding once is right. */
    private static final int GUARD_BITS = 2;
    /** {@link #footprintBytes()} of one part or none: this object (80 bytes) and its places in a {@link MomentTotals}' arrays. */
    static final int ONE_PART_BYTES = 96;
    /** {@link #footprintBytes()} of more parts: also two sums of a few digits each and the moments worked out. */
    static final int SUMMED_BYTES = 352;

    private long count;
    /** S and T of the parts summed; null until a part is ({@link #sums}). */
    private ExactSum sum;
    private ExactSum squares;
    private int unboundedSums;
    private int unboundedSquares;
    /** {@link #moments()} as last worked out; null once a part came or went, and while the part is {@link #apart}. */
    private Moments moments;
    /**
     * How many parts are in, and, while it is one that was the last put in, that part: then the
     * exact mean is its mean and the exact M2 its M2 (S / N = nμ / n, T − S² / N = M2 + nμ² − nμ²),
     * so no division is needed. A configuration seen in one file is one part.
     */
    private long parts;
    private boolean soleKnown;
    private long soleCount;
    private double soleMean;
    private double soleM2;
    /**
     * Whether the sole part (known, its products finite) is held apart: in {@link #soleCount}, {@link #soleMean}
     * and {@link #soleM2} alone, not in the sums, which hold nothing (null, or exactly zero). Most of a model's
     * configurations are one part each (seen in one file), and their sums' objects and digit arrays were a third
     * of what a configuration's running statistics held on the heap (docs/benchmarks.md, "20,000
     * configurations"), for figures the part gives as they are. The part goes into the sums when a second
     * comes ({@link #sumApart}), so the sums' value, and every figure, is what it would have been.
     */
    private boolean apart;

    /** Adds a part: {@code count} values with mean {@code mean} and M2 {@code m2}; a count of 0 adds nothing. */
    void add(long count, double mean, double m2) {
        apply(new Change().put(count, mean, m2, false));
    }

    /** Takes out a part {@link #add}ed before, exactly. */
    void remove(long count, double mean, double m2) {
        apply(new Change().put(count, mean, m2, true));
    }

    /** Applies {@code change}: its parts out, its parts in. */
    void apply(Change change) {
        if (change.parts == 0) {
            return;
        }
        if (change.partsIn == 1 && change.lastInBounded
                && (parts == 0 && change.partsOut == 0 || apart && change.partsOut == 1)) {
            // Nothing in, or the part held apart out (a part taken out is one put in before, and it is the only
            // one): the part coming in is then the only one, held apart too. The sums hold nothing either way.
            count += change.count;
            holdApart(change.lastInCount, change.lastInMean, change.lastInM2);
            return;
        }
        sumApart(change);
        count += change.count;
        parts += change.partsIn - change.partsOut;
        if (change.partsIn == 1 && parts == 1) {
            soleKnown = true;
            soleCount = change.lastInCount;
            soleMean = change.lastInMean;
            soleM2 = change.lastInM2;
        } else if (parts != 1) {
            soleKnown = false;
        } else if (change.partsOut > 0) {
            soleKnown = false; // one part left, but not known which
        }
        sums();
        if (change.split) {
            change.sumTerms.addTo(sum);
            change.squareTerms.addTo(squares);
        } else {
            for (int i = 0; i < change.sumParts; i++) {
                sum.add(change.sums[i]);
            }
            for (int i = 0; i < change.squareParts; i++) {
                squares.add(change.squares[i]);
            }
        }
        unboundedSums += change.unboundedSums;
        unboundedSquares += change.unboundedSquares;
        moments = null;
    }

    /** Holds the one part in, bounded, {@link #apart}: its count, mean and M2 as they are, the sums holding nothing. */
    private void holdApart(long partCount, double partMean, double partM2) {
        parts = 1;
        apart = true;
        soleKnown = true;
        soleCount = partCount;
        soleMean = partMean;
        soleM2 = partM2;
        moments = null;
    }

    /**
     * The part held {@link #apart} into the sums, as it would have gone in: then every part is in them. The sums,
     * made here for most configurations, are sized for that part's terms and {@code coming}'s ({@link #NO_CHANGE}:
     * none), so that each is one array that just fits (docs/benchmarks.md, "branch ex14").
     */
    private void sumApart(Change coming) {
        if (!apart) {
            return;
        }
        apart = false;
        Change sole = new Change().put(soleCount, soleMean, soleM2, false);
        sums();
        sum.reserveFor(sole.sums, sole.sumParts, coming.sums, coming.sumParts);
        squares.reserveFor(sole.squares, sole.squareParts, coming.squares, coming.squareParts);
        for (int i = 0; i < sole.sumParts; i++) {
            sum.add(sole.sums[i]);
        }
        for (int i = 0; i < sole.squareParts; i++) {
            squares.add(sole.squares[i]);
        }
    }

    private void sums() {
        if (sum == null) {
            sum = new ExactSum();
            squares = new ExactSum();
        }
    }

    /** Adds every part of {@code other}. */
    void add(ExactMoments other) {
        if (other.count == 0) {
            return;
        }
        if (other.apart) {
            if (parts == 0) {
                // What apply's first case makes of that part coming in (held apart, it is bounded), without a
                // change: summing a side's cells at an emission (ColdStartSplit) starts so, from empty moments.
                count += other.count;
                holdApart(other.soleCount, other.soleMean, other.soleM2);
                return;
            }
            // Its one part, as it would come in a change.
            apply(new Change().put(other.soleCount, other.soleMean, other.soleM2, false));
            return;
        }
        sumApart(NO_CHANGE);
        if (parts == 0 && other.soleKnown) {
            soleKnown = true;
            soleCount = other.soleCount;
            soleMean = other.soleMean;
            soleM2 = other.soleM2;
        } else {
            soleKnown = false;
        }
        count += other.count;
        parts += other.parts;
        if (other.sum != null) {
            sums();
            sum.add(other.sum);
            squares.add(other.squares);
        }
        unboundedSums += other.unboundedSums;
        unboundedSquares += other.unboundedSquares;
        moments = null;
    }

    long count() {
        return count;
    }

    /**
     * About how many bytes this holds, for a running model's weight: one part held {@link #apart} is this
     * object alone; more are two {@link ExactSum}s with their digit arrays besides, and the {@link Moments}
     * last worked out. By {@link #parts} alone, a function of the parts in, not of the order they came in,
     * so a model built run by run weighs what one rebuilt from the store does. Measured with JOL
     * (docs/benchmarks.md, "Fourteenth pass"): 80 bytes apart; 272 to 336 summed, by the digits the sums span.
     */
    long footprintBytes() {
        return parts <= 1 ? ONE_PART_BYTES : SUMMED_BYTES;
    }

    /** Count, mean and M2 of the union of the parts, each rounded once from the exact value. */
    Moments moments() {
        if (apart) {
            // Worked out afresh: kept, it would be one more object for each configuration held.
            return Moments.of(count, soleMean + 0.0, soleM2 + 0.0);
        }
        if (moments == null) {
            if (count == 0) {
                moments = Moments.empty();
            } else if (soleKnown && unboundedSums == 0 && unboundedSquares == 0) {
                // The exact values are the part's own; a zero is rounded to +0, as the division gives it.
                moments = Moments.of(count, soleMean + 0.0, soleM2 + 0.0);
            } else if (ExactQuotient.handles(count)) {
                // In machine words, the same bits as quotient() (ExactQuotient's comment); S read once for both.
                ExactQuotient.Words s = unboundedSums == 0 ? ExactQuotient.Words.of(sum) : null;
                moments = Moments.of(count, s == null ? Double.NaN : ExactQuotient.mean(s, count),
                        s == null ? Double.NaN : unboundedSquares != 0 ? Double.POSITIVE_INFINITY
                                : ExactQuotient.m2(s, ExactQuotient.Words.of(squares), count));
            } else {
                // S is unscaled once for both: its digits, carried and turned into a BigInteger, were a
                // third of the quotients' time.
                BigInteger s = unboundedSums == 0 ? sum.unscaled() : null;
                moments = Moments.of(count, mean(s), m2(s));
            }
        }
        return moments;
    }

    /**
     * What taking parts out and putting parts in changes in the sums, split into doubles once, to be
     * applied to several {@link ExactMoments} (a run changes one entry, whose moments are in its
     * configuration's and in its model's). Reusable: {@link #clear()} it.
     */
    /** A change of no parts, for {@link #sumApart} when nothing comes with the part held apart; never written. */
    private static final Change NO_CHANGE = new Change();

    static final class Change {
        private long count;
        private final double[] sums = new double[4];
        private int sumParts;
        private final double[] squares = new double[10];
        private int squareParts;
        private int unboundedSums;
        private int unboundedSquares;
        private int parts;
        private int partsIn;
        private int partsOut;
        private long lastInCount;
        private double lastInMean;
        private double lastInM2;
        /** Whether the last part in had its products finite: all of them summed, none counted as unbounded. */
        private boolean lastInBounded;
        /** Whether {@link #split()} put the parts' terms into {@link #sumTerms} and {@link #squareTerms}. */
        private boolean split;
        /**
         * Made at the first {@link #split()}: only the running model's one reused change is split, and the changes
         * made for one part each (ExactMoments' {@code add}, {@code remove}, {@code sumApart}) are spared four
         * objects each (two terms and their sums; emissions made them for the configurations' cells they summed,
         * profiled: docs/benchmarks.md, "branch agg11").
         */
        private ExactSum.Terms sumTerms;
        private ExactSum.Terms squareTerms;

        /**
         * Splits the terms into {@link ExactSum}'s digits once, for a change that is applied to more than one
         * {@link ExactMoments} (the configuration's and the model's): each then adds a few digits instead of
         * splitting every term again ({@link ExactSum.Terms}). The same sums either way. Until the next
         * {@link #clear()}, which must come before another {@link #put}.
         */
        Change split() {
            if (!split) {
                if (sumTerms == null) {
                    sumTerms = new ExactSum.Terms();
                    squareTerms = new ExactSum.Terms();
                }
                for (int i = 0; i < sumParts; i++) {
                    sumTerms.add(sums[i]);
                }
                for (int i = 0; i < squareParts; i++) {
                    squareTerms.add(squares[i]);
                }
                split = true;
            }
            return this;
        }

        Change clear() {
            if (split) {
                sumTerms.clear();
                squareTerms.clear();
                split = false;
            }
            parts = 0;
            partsIn = 0;
            partsOut = 0;
            count = 0;
            sumParts = 0;
            squareParts = 0;
            unboundedSums = 0;
            unboundedSquares = 0;
            return this;
        }

        /** The part of {@code n} values with mean {@code mean} and M2 {@code m2} in, or {@code out}; at most two parts. */
        Change put(long n, double mean, double m2, boolean out) {
            if (n == 0) {
                return this;
            }
            if (parts == 2) {
                throw new IllegalStateException("A change holds two parts at most");
            }
            if (split) {
                throw new IllegalStateException("A part put into a change already split; clear it first");
            }
            parts++;
            if (out) {
                partsOut++;
            } else {
                partsIn++;
                lastInCount = n;
                lastInMean = mean;
                lastInM2 = m2;
            }
            count += out ? -n : n;
            double size = n;
            // S gets nμ, T gets M2 + nμ², each as doubles that add up to it exactly.
            double nMean = size * mean;
            double nMeanError = Math.fma(size, mean, -nMean);
            double meanSquared = mean * mean;
            double meanSquaredError = Math.fma(mean, mean, -meanSquared);
            double nSquared = size * meanSquared;
            double nSquaredError = Math.fma(size, meanSquared, -nSquared);
            double nError = size * meanSquaredError;
            double nErrorError = Math.fma(size, meanSquaredError, -nError);
            int sign = out ? -1 : 1;
            boolean sumBounded = Double.isFinite(nMean) && Double.isFinite(nMeanError);
            boolean squaresBounded = Double.isFinite(m2) && Double.isFinite(nSquared) && Double.isFinite(nSquaredError)
                    && Double.isFinite(nError) && Double.isFinite(nErrorError);
            if (!out) {
                lastInBounded = sumBounded && squaresBounded;
            }
            if (sumBounded) {
                sums[sumParts++] = out ? -nMean : nMean;
                sums[sumParts++] = out ? -nMeanError : nMeanError;
            } else {
                unboundedSums += sign;
            }
            if (squaresBounded) {
                squares[squareParts++] = out ? -m2 : m2;
                squares[squareParts++] = out ? -nSquared : nSquared;
                squares[squareParts++] = out ? -nSquaredError : nSquaredError;
                squares[squareParts++] = out ? -nError : nError;
                squares[squareParts++] = out ? -nErrorError : nErrorError;
            } else {
                unboundedSquares += sign;
            }
            return this;
        }
    }

    /** S / N; {@code s} is S unscaled, null when a part could not be summed. */
    private double mean(BigInteger s) {
        if (unboundedSums != 0) {
            return Double.NaN;
        }
        return quotient(s, BigInteger.valueOf(count), sum.scale());
    }

    /** M2 = T − S²/N = (N·T − S²) / N, worked out in integers at the finer of the two scales; {@code s} as for {@link #mean}. */
    private double m2(BigInteger s) {
        if (unboundedSums != 0) {
            return Double.NaN;
        }
        if (unboundedSquares != 0) {
            return Double.POSITIVE_INFINITY;
        }
        return m2(s, sum.scale(), squares.unscaled(), squares.scale(), count);
    }

    /** (N·T − S²) / N in {@code BigInteger}s, S = s × 2^sumScale, T = t × 2^squaresScale, N = count. */
    static double m2(BigInteger s, int sumScale, BigInteger t, int squaresScale, long count) {
        BigInteger n = BigInteger.valueOf(count);
        int squareScale = 2 * sumScale;
        int scale = Math.min(squaresScale, squareScale);
        BigInteger numerator = n.multiply(t).shiftLeft(squaresScale - scale)
                .subtract(s.multiply(s).shiftLeft(squareScale - scale));
        return quotient(numerator, n, scale);
    }

    /**
     * {@code numerator / denominator × 2^scale} rounded to the nearest double (ties to even), the
     * denominator positive: the quotient is worked out to {@value #GUARD_BITS} bits beyond a double's
     * and one more, anything below marked in that last bit (so that it is never a tie it is not), and
     * the conversion to double rounds that once, correctly. (Results below {@link Double#MIN_NORMAL} may round twice; they are still a
     * function of the parts alone.)
     */
    static double quotient(BigInteger numerator, BigInteger denominator, int scale) {
        if (numerator.signum() == 0) {
            return 0.0;
        }
        int bits = 53 + GUARD_BITS + 1;
        int shift = Math.max(0, bits - (numerator.bitLength() - denominator.bitLength()));
        BigInteger[] division = numerator.abs().shiftLeft(shift).divideAndRemainder(denominator);
        BigInteger quotient = division[0];
        if (division[1].signum() != 0) {
            quotient = quotient.setBit(0);
        }
        // Down to the bits needed, what is dropped marked again in the lowest bit: then it fits a long.
        int excess = quotient.bitLength() - bits;
        if (excess > 0) {
            boolean dropped = quotient.getLowestSetBit() < excess;
            quotient = quotient.shiftRight(excess);
            if (dropped) {
                quotient = quotient.setBit(0);
            }
            shift -= excess;
        }
        // A long converts to the nearest double (JLS 5.1.2); scaling by a power of two is exact.
        double magnitude = Math.scalb((double) quotient.longValueExact(), scale - shift);
        return numerator.signum() < 0 ? -magnitude : magnitude;
    }
}
