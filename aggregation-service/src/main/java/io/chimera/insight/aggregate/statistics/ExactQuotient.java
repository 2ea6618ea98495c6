package io.chimera.insight.aggregate.statistics;

/**
 * {@link ExactMoments}' mean S / N and M2 (N·T − S²) / N worked out in machine words, for a count N
 * below 2<sup>31</sup>: the same bits as {@link ExactMoments#quotient}, without a {@code BigInteger}
 * (whose copies of S, products, shifts and division were a tenth of an emission's time, profiled).
 *
 * <p><b>Why the bits are the same.</b> {@code ExactMoments.quotient} returns, for the exact real quotient
 * x &gt; 0, the double nearest to L × 2<sup>e</sup>, where L = ⌊x × 2<sup>−e</sup>⌋ has exactly 56 bits
 * (2<sup>55</sup> ≤ L &lt; 2<sup>56</sup>, which fixes e) and its lowest bit is set when x × 2<sup>−e</sup>
 * is not a whole number; negated for x &lt; 0, +0.0 for x = 0. L and e are functions of x alone, whatever
 * integers and scales x is written with. Here x is written with the same integers, only without the
 * zero digits at their low ends, and divided by schoolbook division in base 2<sup>32</sup>:
 * <ul>
 *   <li>each step divides r × 2<sup>32</sup> + d by N, with the remainder r &lt; N &lt; 2<sup>31</sup> and
 *       the digit d &lt; 2<sup>32</sup>, so the dividend is below 2<sup>63</sup> (a {@code long}) and the
 *       quotient digit below 2<sup>32</sup>: every quotient digit is exact, and the steps past the
 *       numerator's last digit (digits 0) give the quotient's fractional digits;</li>
 *   <li>a non-zero numerator is at least the weight 2<sup>32 f</sup> of its lowest non-zero digit f, so
 *       x &gt; 2<sup>32 f − 31</sup>: the quotient has a non-zero digit at f − 1 or above, and the digits
 *       down to f − 3 hold it and 64 bits after it, more than L's 56;</li>
 *   <li>L is the first 56 bits from the first non-zero quotient digit on, and its lowest bit is set when
 *       any bit after them, any later digit or the last remainder is non-zero, that is when
 *       x × 2<sup>−e</sup> is not whole.</li>
 * </ul>
 * The conversion of L to a double and the scaling by a power of two are then the very same operations
 * ({@code (double) long}, {@link Math#scalb}). {@code ExactQuotientTest} checks this against
 * {@code ExactMoments.quotient} on random and edge values (ties, sticky bits, the largest N, negative
 * and subnormal results).
 */
final class ExactQuotient {

    /** The largest count the words divide by: a remainder times 2<sup>32</sup> plus a digit must fit a {@code long}. */
    static final long MAX_DENOMINATOR = Integer.MAX_VALUE;

    private static final long DIGIT_MASK = 0xFFFF_FFFFL;
    private static final int DIGIT_BITS = 32;
    /** L's bits: a double's 53, two guard bits and the sticky bit, as in {@code ExactMoments.quotient}. */
    private static final int BITS = 56;
    /** Quotient digits worked out below the numerator's lowest non-zero one: enough for 56 bits (see the class comment). */
    private static final int FRACTION_DIGITS = 3;

    private ExactQuotient() {
    }

    /** Whether the words divide by {@code count}. */
    static boolean handles(long count) {
        return count > 0 && count <= MAX_DENOMINATOR;
    }

    /** S / N, S given by {@code sum}, N by {@code count} ({@link #handles}). */
    static double mean(Words sum, long count) {
        return divide(sum.digits, sum.from, sum.digits.length, sum.negative, count, sum.scale);
    }

    /** (N·T − S²) / N, S by {@code sum}, T by {@code squares}, N by {@code count} ({@link #handles}). */
    static double m2(Words sum, Words squares, long count) {
        if (squares.isZero() && sum.isZero()) {
            return 0.0;
        }
        // N·T and S², each a magnitude in digits with its own power of two, aligned on the lower one:
        // both powers are multiples of 32, so the alignment moves whole digits.
        long[] nt = squares.isZero() ? new long[0] : multiply(squares.digits, squares.from, squares.digits.length, count);
        int ntScale = squares.scale + DIGIT_BITS * squares.from;
        long[] ss = sum.isZero() ? new long[0] : square(sum.digits, sum.from, sum.digits.length);
        int ssScale = 2 * (sum.scale + DIGIT_BITS * sum.from);
        if (nt.length == 0) {
            return divide(ss, 0, ss.length, true, count, ssScale);
        }
        if (ss.length == 0) {
            return divide(nt, 0, nt.length, squares.negative, count, ntScale);
        }
        int scale = Math.min(ntScale, ssScale);
        long[] a = shifted(nt, (ntScale - scale) / DIGIT_BITS);
        long[] b = shifted(ss, (ssScale - scale) / DIGIT_BITS);
        // N·T − S² = ±|N·T| − |S²|.
        if (squares.negative) {
            return divide(add(a, b), 0, Math.max(a.length, b.length) + 1, true, count, scale);
        }
        int order = compare(a, b);
        if (order == 0) {
            return 0.0;
        }
        long[] difference = order > 0 ? subtract(a, b) : subtract(b, a);
        return divide(difference, 0, difference.length, order < 0, count, scale);
    }

    /**
     * An {@link ExactSum}'s value as a sign and a magnitude: {@code digits[from..]} in [0, 2<sup>32</sup>),
     * least significant first, digit i weighing 2<sup>32 i + scale</sup>; the digits below {@code from} are zero.
     */
    static final class Words {
        private final long[] digits;
        private final int from;
        private final boolean negative;
        private final int scale;

        private Words(long[] digits, int from, boolean negative, int scale) {
            this.digits = digits;
            this.from = from;
            this.negative = negative;
            this.scale = scale;
        }

        /** {@code sum}'s value; its digits are read, not kept, when it is not negative. */
        static Words of(ExactSum sum) {
            long[] carried = sum.carriedDigits();
            int from = 0;
            while (from < carried.length && carried[from] == 0) {
                from++;
            }
            if (from == carried.length) {
                return new Words(carried, from, false, sum.scale());
            }
            if (carried[carried.length - 1] >= 0) {
                return new Words(carried, from, false, sum.scale());
            }
            // Two's complement, negated digit by digit with the borrow; below 'from' the digits are zero.
            long[] magnitude = new long[carried.length];
            long carry = 0;
            for (int i = from; i < carried.length; i++) {
                long value = carry - carried[i];
                magnitude[i] = value & DIGIT_MASK;
                carry = value >> DIGIT_BITS;
            }
            // The top digit lay in [-2^31, 0), so its negation, borrow included, lies in [0, 2^31]: no carry is left.
            return new Words(magnitude, from, true, sum.scale());
        }

        boolean isZero() {
            return from == digits.length;
        }
    }

    /**
     * ±{@code magnitude[from..to)} / {@code denominator} × 2<sup>{@code scale}</sup>, the digit at index i
     * weighing 2<sup>32 i</sup>, rounded as {@code ExactMoments.quotient} rounds it (see the class comment).
     */
    static double divide(long[] magnitude, int from, int to, boolean negative, long denominator, int scale) {
        int top = to - 1;
        while (top >= from && magnitude[top] == 0) {
            top--;
        }
        if (top < from) {
            return 0.0;
        }
        long bits = 0; // L, built from the quotient's first non-zero digit on
        int length = 0; // L's length in bits so far
        int exponent = 0; // the weight of L's lowest bit, as a power of two (before the scale)
        boolean sticky = false;
        long remainder = 0;
        for (int i = top; i >= from - FRACTION_DIGITS; i--) {
            long dividend = (remainder << DIGIT_BITS) | (i >= from ? magnitude[i] : 0);
            long digit = dividend / denominator;
            remainder = dividend - digit * denominator;
            if (length == 0) {
                if (digit != 0) {
                    bits = digit;
                    length = Long.SIZE - Long.numberOfLeadingZeros(digit);
                    exponent = DIGIT_BITS * i;
                }
            } else if (length < BITS) {
                int need = BITS - length;
                if (need >= DIGIT_BITS) {
                    bits = (bits << DIGIT_BITS) | digit;
                    length += DIGIT_BITS;
                    exponent = DIGIT_BITS * i;
                } else {
                    int dropped = DIGIT_BITS - need;
                    bits = (bits << need) | (digit >>> dropped);
                    sticky |= (digit & ((1L << dropped) - 1)) != 0;
                    length = BITS;
                    exponent = DIGIT_BITS * i + dropped;
                }
            } else {
                sticky |= digit != 0;
            }
        }
        sticky |= remainder != 0;
        // A long converts to the nearest double (JLS 5.1.2); scaling by a power of two is exact (as before).
        double magnitudeValue = Math.scalb((double) (sticky ? bits | 1 : bits), exponent + scale);
        return negative ? -magnitudeValue : magnitudeValue;
    }

    /** {@code digits[from..to)} × {@code factor} (below 2<sup>31</sup>), the product's digits from index 0. */
    private static long[] multiply(long[] digits, int from, int to, long factor) {
        long[] product = new long[to - from + 1];
        long carry = 0;
        for (int i = from; i < to; i++) {
            // Below 2^32 × 2^31 + 2^31: no overflow.
            long value = digits[i] * factor + carry;
            product[i - from] = value & DIGIT_MASK;
            carry = value >>> DIGIT_BITS;
        }
        product[to - from] = carry;
        return product;
    }

    /** {@code digits[from..to)} squared, the product's digits from index 0. */
    private static long[] square(long[] digits, int from, int to) {
        int length = to - from;
        long[] product = new long[2 * length];
        for (int i = 0; i < length; i++) {
            long carry = 0;
            long a = digits[from + i];
            for (int j = 0; j < length; j++) {
                // a × b + digit + carry ≤ (2^32 − 1)² + 2 (2^32 − 1) = 2^64 − 1: exact as an unsigned long.
                long value = a * digits[from + j] + product[i + j] + carry;
                product[i + j] = value & DIGIT_MASK;
                carry = value >>> DIGIT_BITS;
            }
            product[i + length] = carry;
        }
        return product;
    }

    private static long[] shifted(long[] digits, int by) {
        if (by == 0) {
            return digits;
        }
        long[] moved = new long[digits.length + by];
        System.arraycopy(digits, 0, moved, by, digits.length);
        return moved;
    }

    private static int compare(long[] a, long[] b) {
        for (int i = Math.max(a.length, b.length) - 1; i >= 0; i--) {
            long x = i < a.length ? a[i] : 0;
            long y = i < b.length ? b[i] : 0;
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return 0;
    }

    /** a − b, a ≥ b. */
    private static long[] subtract(long[] a, long[] b) {
        long[] difference = new long[Math.max(a.length, b.length)];
        long borrow = 0;
        for (int i = 0; i < difference.length; i++) {
            long value = (i < a.length ? a[i] : 0) - (i < b.length ? b[i] : 0) - borrow;
            difference[i] = value & DIGIT_MASK;
            borrow = value < 0 ? 1 : 0;
        }
        return difference;
    }

    private static long[] add(long[] a, long[] b) {
        long[] sum = new long[Math.max(a.length, b.length) + 1];
        long carry = 0;
        for (int i = 0; i < sum.length - 1; i++) {
            long value = (i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0) + carry;
            sum[i] = value & DIGIT_MASK;
            carry = value >>> DIGIT_BITS;
        }
        sum[sum.length - 1] = carry;
        return sum;
    }
}
