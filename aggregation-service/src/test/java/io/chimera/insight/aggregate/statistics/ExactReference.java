package io.chimera.insight.aggregate.statistics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * The mean and M2 of a union of parts (count, mean, M2), worked out independently of
 * {@link ExactMoments}: in {@link BigDecimal}, where every double and every sum and product of them is
 * exact, divided to every digit of the numerator and {@link #EXTRA_DIGITS} more, and only then rounded to a double
 * (a second rounding could differ from one only on a tie within 10<sup>-25</sup> of the quotient's smallest
 * place, which a quotient by a count of these tests' size does not meet).
 */
final class ExactReference {

    /**
     * Digits the quotients are worked out to beyond their numerator's own (all of its digits, from the largest
     * place to the smallest, {@link BigDecimal#precision()}): what lies below a double's last place is then never
     * rounded away before the conversion rounds once. A fixed 80 digits were not enough for parts whose means lie
     * 10<sup>166</sup> apart: the quotient, a hair above a tie, was cut to the tie and rounded to even.
     */
    private static final int EXTRA_DIGITS = 25;

    private ExactReference() {
    }

    /** A part: {@code count} values with mean {@code mean} and M2 {@code m2}. */
    record Part(long count, double mean, double m2) {
    }

    /** {mean, M2} of the union of {@code parts}: S / N and (N·T − S²) / N, S = Σ nμ, T = Σ (M2 + nμ²). */
    static double[] meanAndM2(List<Part> parts) {
        BigDecimal n = BigDecimal.ZERO;
        BigDecimal s = BigDecimal.ZERO;
        BigDecimal t = BigDecimal.ZERO;
        for (Part part : parts) {
            BigDecimal count = BigDecimal.valueOf(part.count());
            BigDecimal mean = new BigDecimal(part.mean());
            n = n.add(count);
            s = s.add(count.multiply(mean));
            t = t.add(new BigDecimal(part.m2())).add(count.multiply(mean).multiply(mean));
        }
        if (n.signum() == 0) {
            return new double[] {0.0, 0.0};
        }
        double mean = divide(s, n);
        double m2 = divide(n.multiply(t).subtract(s.multiply(s)), n);
        return new double[] {mean, m2};
    }

    /** {@code numerator / n}, worked out to all the numerator's digits and {@link #EXTRA_DIGITS} more, then rounded to a double. */
    private static double divide(BigDecimal numerator, BigDecimal n) {
        return numerator.divide(n, new MathContext(numerator.precision() + EXTRA_DIGITS)).doubleValue();
    }
}
