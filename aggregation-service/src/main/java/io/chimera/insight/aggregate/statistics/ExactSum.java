package io.chimera.insight.aggregate.statistics;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The exact sum of finite doubles, with no rounding at all: a fixed-point number wide enough for
 * whatever it was given (a "superaccumulator"). Every finite double is an integer times a power of
 * two between 2<sup>-1074</sup> and 2<sup>971</sup>, so a sum of them is too; it is kept as base
 * 2<sup>32</sup> digits, each in a {@code long} with room for millions of additions before its carry
 * is passed on. The digits cover the binary places the values used, from the lowest bit of the
 * smallest one to the carries above the largest: a few digits for values of a few orders of
 * magnitude, at most about seventy.
 *
 * <p>Why: a sum that rounds nothing is the same whatever the order of its terms, and a term can be
 * taken out again exactly (add its negation). {@link ExactMoments} builds a model's mean and M2
 * from such sums, so that a model updated run by run and one rebuilt from the store give the same
 * bits without either keeping anything per (file, config) entry.
 *
 * <p>Mutable and not thread-safe.
 */
final class ExactSum {

    private static final long DIGIT_MASK = 0xFFFF_FFFFL;
    private static final int DIGIT_BITS = 32;
    /**
     * Additions between two carry passes. A digit starts below 2<sup>32</sup> and each addition moves it
     * by less than 2<sup>32</sup>, so it stays far below 2<sup>63</sup>.
     */
    private static final int ADDS_BETWEEN_CARRIES = 1 << 24;
    /** The digits of a sum nothing was added to; shared, as an empty array is never written to. */
    private static final long[] NO_DIGITS = new long[0];

    /**
     * Digit {@code i} weighs 2<sup>32 (low + i)</sup>; the sum is that of every digit times its weight.
     * Between carry passes a digit may hold any value; once carried ({@link #carry}), every digit but
     * the top one lies in [0, 2<sup>32</sup>) and the top one, which holds the sign, in
     * [-2<sup>31</sup>, 2<sup>31</sup>): two's complement.
     */
    private long[] digits = NO_DIGITS;
    private int low;
    private int addsSinceCarry;

    ExactSum() {
    }

    /** Adds {@code value}, exactly; zero changes nothing. */
    void add(double value) {
        if (value == 0.0) {
            return;
        }
        addNonZero(value);
    }

    /**
     * Adds {@code value}, not zero, exactly.
     *
     * @return the lowest of the three digits it went into (their indexes counted from digit 0, of weight 1)
     */
    private int addNonZero(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int biased = (int) (bits >>> 52) & 0x7FF;
        if (biased == 0x7FF) {
            throw new IllegalArgumentException("Cannot sum a value that is not finite: " + value);
        }
        long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (biased == 0) {
            biased = 1; // subnormal: no hidden bit, the smallest exponent
        } else {
            mantissa |= 1L << 52;
        }
        // value = ±mantissa × 2^exponent, the mantissa below 2^53: spread over three digits.
        int exponent = biased - 1075;
        int digit = exponent >> 5; // floor(exponent / 32), as DIGIT_BITS is 32
        int shift = exponent & (DIGIT_BITS - 1);
        long d0 = (mantissa << shift) & DIGIT_MASK;
        long above = mantissa >>> (DIGIT_BITS - shift);
        long d1 = above & DIGIT_MASK;
        long d2 = above >>> DIGIT_BITS;
        int i = digit - low;
        if (i < 0 || i + 2 >= digits.length) {
            i = reserve(digit, digit + 2);
        }
        if (bits < 0) {
            digits[i] -= d0;
            digits[i + 1] -= d1;
            digits[i + 2] -= d2;
        } else {
            digits[i] += d0;
            digits[i + 1] += d1;
            digits[i + 2] += d2;
        }
        if (++addsSinceCarry >= ADDS_BETWEEN_CARRIES) {
            carry();
        }
        return digit;
    }

    /** Adds {@code other}'s sum, exactly; {@code other} keeps its value. */
    void add(ExactSum other) {
        if (other.digits.length == 0) {
            return;
        }
        other.carry();
        int i = reserve(other.low, other.low + other.digits.length - 1);
        for (int j = 0; j < other.digits.length; j++) {
            digits[i + j] += other.digits[j];
        }
        // Each digit moved by less than 2^32, as by one addition of a value.
        if (++addsSinceCarry >= ADDS_BETWEEN_CARRIES) {
            carry();
        }
    }

    /**
     * A few values split into this class's digits once, to be added to several sums: a run changes one entry,
     * whose moments are in its configuration's totals and in its model's, and splitting each of the change's
     * terms (exponent, shifts, three digits) for each of the two was most of the running model's exact
     * arithmetic (docs/benchmarks.md). Adding the terms' digits is adding the terms: every digit of a sum is
     * a count of its weight, and the digits here are sums of what {@link ExactSum#add(double)} would have
     * added to the same digits one term at a time. No carry is passed inside the terms: with at most
     * {@value #MAX_TERMS} terms each digit moves by less than {@value #MAX_TERMS} × 2<sup>32</sup>, and a sum
     * they are added to counts them as that many additions towards its next carry pass, so its digits stay as
     * far from overflowing a {@code long} as before. Reusable ({@link #clear()}); not thread-safe.
     */
    static final class Terms {
        /** The most terms between two {@link #clear()}s: the digits must not need a carry of their own. */
        static final int MAX_TERMS = 64;

        private final ExactSum split = new ExactSum();
        /** The digits the terms went into, by index from digit 0; empty (from above to) when none. */
        private int from = Integer.MAX_VALUE;
        private int to = Integer.MIN_VALUE;
        private int count;

        /** Adds {@code value} to the terms; zero adds nothing. */
        void add(double value) {
            if (value == 0.0) {
                return;
            }
            if (count == MAX_TERMS) {
                throw new IllegalStateException("More than " + MAX_TERMS + " terms between two clears");
            }
            int digit = split.addNonZero(value);
            count++;
            from = Math.min(from, digit);
            to = Math.max(to, digit + 2);
        }

        /** Adds the terms to {@code sum}, exactly: as if each had been {@linkplain ExactSum#add(double) added}. */
        void addTo(ExactSum sum) {
            if (count == 0) {
                return;
            }
            int i = from - sum.low;
            if (i < 0 || to - sum.low >= sum.digits.length) {
                i = sum.reserve(from, to);
            }
            long[] source = split.digits;
            int j = from - split.low;
            long[] target = sum.digits;
            for (int k = 0, n = to - from; k <= n; k++) {
                target[i + k] += source[j + k];
            }
            sum.addsSinceCarry += count;
            if (sum.addsSinceCarry >= ADDS_BETWEEN_CARRIES) {
                sum.carry();
            }
        }

        /** Forgets the terms: the digits they went into back to zero. */
        void clear() {
            if (count > 0) {
                Arrays.fill(split.digits, from - split.low, to - split.low + 1, 0L);
            }
            from = Integer.MAX_VALUE;
            to = Integer.MIN_VALUE;
            count = 0;
            // Never near a carry pass (MAX_TERMS at a time), which could move digits out of from..to.
            split.addsSinceCarry = 0;
        }
    }

    /** Whether the sum is zero. */
    boolean isZero() {
        carry();
        for (long digit : digits) {
            if (digit != 0) {
                return false;
            }
        }
        return true;
    }

    /** The sum as {@code unscaled() × 2^scale()}. */
    BigInteger unscaled() {
        carry();
        if (digits.length == 0) {
            return BigInteger.ZERO;
        }
        // Big-endian two's complement, four bytes a digit: the top digit is a signed 32-bit number.
        byte[] bytes = new byte[4 * digits.length];
        for (int d = 0; d < digits.length; d++) {
            long digit = digits[digits.length - 1 - d];
            for (int b = 0; b < 4; b++) {
                bytes[4 * d + b] = (byte) (digit >>> (8 * (3 - b)));
            }
        }
        return new BigInteger(bytes);
    }

    /**
     * The digits, carried, least significant first: the sum is that of digit i × 2<sup>32 i + {@link #scale()}</sup>,
     * every digit in [0, 2<sup>32</sup>) but the top one, which holds the sign ({@link #digits}). The array
     * itself, for {@link ExactQuotient}, which reads it in place of a {@link #unscaled()} copy; not to be written to.
     */
    long[] carriedDigits() {
        carry();
        return digits;
    }

    /** The power of two {@link #unscaled()} is to be multiplied by. */
    int scale() {
        return DIGIT_BITS * low;
    }

    /**
     * Makes room, if nothing was added yet, for exactly the digits that the first {@code count} of {@code values}
     * and the first {@code moreCount} of {@code more} would go into (zeros go nowhere): a sum made for a known
     * set of values then holds them in one array that just fits, not one widened value by value (each widening
     * a new array).
     */
    void reserveFor(double[] values, int count, double[] more, int moreCount) {
        if (digits.length != 0) {
            return;
        }
        int from = Integer.MAX_VALUE;
        int to = Integer.MIN_VALUE;
        for (int i = 0; i < count + moreCount; i++) {
            double value = i < count ? values[i] : more[i - count];
            if (value != 0.0) {
                int digit = lowestDigit(value);
                from = Math.min(from, digit);
                to = Math.max(to, digit + 2);
            }
        }
        if (from <= to) {
            reserve(from, to);
        }
    }

    /** The lowest of the three digits {@link #addNonZero} puts {@code value} (finite, not zero) into. */
    private static int lowestDigit(double value) {
        int biased = (int) (Double.doubleToRawLongBits(value) >>> 52) & 0x7FF;
        return (Math.max(biased, 1) - 1075) >> 5;
    }

    /**
     * The index in {@link #digits} of digit {@code from}, the array widened to hold digits {@code from} to
     * {@code to}, and no more. The arrays once took two digits of slack on each side they grew, as the places
     * of a run's rounding errors vary from run to run and widening by just what each needed made a new array
     * for most runs (agg's profile); but a configuration's sums, made when a second file brings it a second
     * part, are most of the sums a model holds for good, and that slack was 4 of their 7 digits: 8.9 MB of
     * 27.6 MB of digit arrays at 20,000 configurations, for 2 % fewer bytes allocated per run in
     * {@code RunningModelBenchmark} without it (docs/benchmarks.md, "branch ex14"). Zero digits change nothing
     * either way: the sum is that of every digit times its weight, and {@link ExactMoments} works out its
     * figures from the value alone ({@link #unscaled()} × 2<sup>{@link #scale()}</sup>), so they are the same
     * bits whatever the array's size.
     */
    private int reserve(int from, int to) {
        if (digits.length == 0) {
            digits = new long[to - from + 1];
            low = from;
            return 0;
        }
        int high = low + digits.length - 1;
        if (from < low || to > high) {
            // The digits move as they are: the sum is that of every digit times its weight, whatever their
            // ranges, so the old top digit, with the sign, needs no extending above it.
            int newLow = Math.min(from, low);
            int newHigh = Math.max(to, high);
            long[] wider = new long[newHigh - newLow + 1];
            System.arraycopy(digits, 0, wider, low - newLow, digits.length);
            digits = wider;
            low = newLow;
        }
        return from - low;
    }

    /** Passes every digit's carry up, leaving the digits in their ranges ({@link #digits}). */
    private void carry() {
        if (digits.length == 0) {
            return;
        }
        long carry = 0;
        int top = digits.length - 1;
        for (int i = 0; i < top; i++) {
            long value = digits[i] + carry;
            digits[i] = value & DIGIT_MASK;
            carry = value >> DIGIT_BITS;
        }
        long topValue = digits[top] + carry;
        if (topValue >= 1L << 31 || topValue < -(1L << 31)) {
            digits = Arrays.copyOf(digits, digits.length + 1);
            digits[top] = topValue & DIGIT_MASK;
            digits[top + 1] = topValue >> DIGIT_BITS;
        } else {
            digits[top] = topValue;
        }
        addsSinceCarry = 0;
    }
}
