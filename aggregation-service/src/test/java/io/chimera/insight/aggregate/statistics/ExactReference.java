package io.chimera.insight.aggregate.statistics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * The mean and M2 of a union of parts (count, mean, M2), worked out independently of
 * {@link ExactMoments}: in {@link BigDecimal}, where every double and every sum and product of them is
 * exact, divided to {@link #DIGITS} significant digits and only then rounded to a double (a second rounding
 * could differ from one only on a tie within 10<sup>-2000</sup>, which no parts of doubles meet).
 */
final class ExactReference {

    /**
     * The quotients' precision: beyond the span of any numerator of doubles' sums and squares (about 1,300 decimal
     * digits from the largest square to the smallest subnormal's), so that what lies below a double's last
     * place is never rounded away before the conversion rounds once. 80 digits were not enough for parts whose
     * means lie 10<sup>166</sup> apart: the quotient, a hair above a tie, was cut to the tie and rounded to even.
     */
    private static final MathContext DIGITS = new MathContext(2_000);

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
        double mean = s.divide(n, DIGITS).doubleValue();
        double m2 = n.multiply(t).subtract(s.multiply(s)).divide(n, DIGITS).doubleValue();
        return new double[] {mean, m2};
    }
}
