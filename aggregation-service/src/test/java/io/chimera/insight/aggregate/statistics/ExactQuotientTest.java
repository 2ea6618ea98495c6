package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The mean and M2 in machine words are, bit for bit, those {@code ExactMoments.quotient} works out in
 * {@code BigInteger}s: on random sums and at the edges of the words' proof (ties and the bits that break
 * them, the largest count, zeros, negative and subnormal results).
 */
class ExactQuotientTest {

    @Test
    void randomSumsGiveTheBitsOfTheBigIntegerQuotients() {
        Random random = new Random(17);
        for (int trial = 0; trial < 3_000; trial++) {
            ExactSum sum = new ExactSum();
            ExactSum squares = new ExactSum();
            double center = Math.pow(2, random.nextInt(200) - 100);
            int terms = 1 + random.nextInt(12);
            for (int i = 0; i < terms; i++) {
                double value = center * random.nextGaussian();
                sum.add(value);
                squares.add(Math.abs(value * value * (1 + random.nextInt(5))));
                if (random.nextInt(4) == 0) {
                    sum.add(Math.fma(value, 3, -value * 3)); // a rounding error, far below the value
                }
            }
            long count = switch (trial % 5) {
                case 0 -> 1;
                case 1 -> ExactQuotient.MAX_DENOMINATOR;
                case 2 -> ExactQuotient.MAX_DENOMINATOR - random.nextInt(1000);
                default -> 1 + random.nextInt(100_000);
            };
            assertSameBits(sum, squares, count, "trial " + trial);
        }
    }

    @Test
    void aTieRoundsToEvenAndAnyBitBelowItBreaksIt() {
        // 3 (2^53 + 1) / 3 = 2^53 + 1, halfway between 2^53 and 2^53 + 2: ties to even, down. One more
        // in the numerator (a remainder) or a bit many digits below (a dropped digit) rounds it up.
        BigInteger halfway = BigInteger.ONE.shiftLeft(53).add(BigInteger.ONE);
        assertQuotient(halfway.multiply(BigInteger.valueOf(3)), 3, 0, 0x1p53);
        assertQuotient(halfway.multiply(BigInteger.valueOf(3)).add(BigInteger.ONE), 3, 0, 0x1p53 + 2);
        assertQuotient(halfway.shiftLeft(100).add(BigInteger.ONE), 1, -100, 0x1p53 + 2);
        // A bit within L's last digit, below its 56 bits: 2^53 + 1 + 2^-30, the digit split at bit 2^-3.
        assertQuotient(halfway.shiftLeft(30).add(BigInteger.ONE), 1, -30, 0x1p53 + 2);
        // 1 / 1,278,370,872: the quotient's first non-zero digit is 3 (two bits), so L's last bits come from
        // the third digit after it, which leaves 10 bits below them, all zero; L ends in a tie (…0100) and
        // only the remainder, not zero, breaks it, up. Found by search (python3, exact integers); 1.0 / N,
        // both exact, is the correctly rounded quotient too (IEEE 754 division).
        assertQuotient(BigInteger.ONE, 1_278_370_872L, 0, 1.0 / 1_278_370_872L);
        assertQuotient(BigInteger.ONE, 2_062_001_988L, -7, 0x1p-7 / 2_062_001_988L);
        // Halfway between two doubles once more, a few digits up: (2^53 + 3) × 2^70, ties to even, up.
        BigInteger odd = BigInteger.ONE.shiftLeft(53).add(BigInteger.valueOf(3));
        assertQuotient(odd.shiftLeft(70), 1, 0, 0x1p123 + 0x1p72);
    }

    @Test
    void theLargestCountAndQuotientsWhoseFirstDigitsAreZero() {
        long largest = ExactQuotient.MAX_DENOMINATOR;
        assertThat(ExactQuotient.handles(largest)).isTrue();
        assertThat(ExactQuotient.handles(largest + 1)).isFalse();
        assertThat(ExactQuotient.handles(0)).isFalse();
        // A numerator of 1: every whole digit of the quotient is zero, its first non-zero digit is a fraction.
        assertQuotient(BigInteger.ONE, largest, 0, 1.0 / largest);
        assertQuotient(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), largest, 12, 0x1p12 * (0x1p64 / largest));
        assertQuotient(BigInteger.valueOf(largest - 1), largest, 0, (double) (largest - 1) / largest);
    }

    @Test
    void zerosNegativesAndSubnormals() {
        assertQuotient(BigInteger.ZERO, 7, 0, 0.0);
        assertQuotient(BigInteger.valueOf(-2), 3, -4, -2.0 / 3 / 16);
        // Results below Double.MIN_NORMAL round twice in both, the same way.
        for (int exponent = -1074; exponent <= -1000; exponent += 3) {
            ExactSum tiny = new ExactSum();
            tiny.add(Math.scalb((double) 0x1234_5678_9ABCL, exponent));
            for (long count : new long[] {1, 3, 11, 1_000_003, ExactQuotient.MAX_DENOMINATOR}) {
                assertSameBits(tiny, new ExactSum(), count, "2^" + exponent + " / " + count);
            }
        }
        // M2 of S = -3 (negative digits) and T = 1 with N = 2: (2 − 9) / 2 = −3.5; and T = −1: (−2 − 9) / 2.
        ExactSum sum = new ExactSum();
        sum.add(-3.0);
        ExactSum squares = new ExactSum();
        squares.add(1.0);
        assertThat(ExactQuotient.m2(ExactQuotient.Words.of(sum), ExactQuotient.Words.of(squares), 2)).isEqualTo(-3.5);
        assertThat(ExactQuotient.mean(ExactQuotient.Words.of(sum), 2)).isEqualTo(-1.5);
        squares.add(-2.0);
        assertThat(ExactQuotient.m2(ExactQuotient.Words.of(sum), ExactQuotient.Words.of(squares), 2)).isEqualTo(-5.5);
        // N·T = S²: exactly zero, +0.0.
        ExactSum four = new ExactSum();
        four.add(4.0);
        ExactSum eight = new ExactSum();
        eight.add(8.0);
        assertThat(Double.doubleToLongBits(ExactQuotient.m2(ExactQuotient.Words.of(four), ExactQuotient.Words.of(eight), 2)))
                .isEqualTo(Double.doubleToLongBits(0.0));
        assertSameBits(new ExactSum(), eight, 3, "S zero");
        assertSameBits(four, new ExactSum(), 3, "T zero");
    }

    private static void assertQuotient(BigInteger numerator, long denominator, int scale, double expected) {
        ExactSum words = sumOf(numerator, scale);
        double reference = ExactMoments.quotient(numerator, BigInteger.valueOf(denominator), scale);
        assertThat(reference).as("the BigInteger quotient of %s / %d", numerator, denominator).isEqualTo(expected);
        assertThat(Double.doubleToLongBits(ExactQuotient.mean(ExactQuotient.Words.of(words), denominator)))
                .as("%s / %d × 2^%d", numerator, denominator, scale).isEqualTo(Double.doubleToLongBits(expected));
    }

    /** An exact sum of {@code numerator} × 2^scale, built from doubles of 32 bits each. */
    private static ExactSum sumOf(BigInteger numerator, int scale) {
        ExactSum sum = new ExactSum();
        BigInteger rest = numerator;
        int shift = 0;
        while (rest.signum() != 0) {
            long chunk = rest.longValue() & 0xFFFF_FFFFL;
            if (chunk != 0) {
                sum.add(Math.scalb((double) chunk, scale + shift));
            }
            rest = rest.shiftRight(32);
            shift += 32;
            if (rest.equals(BigInteger.ONE.negate())) {
                sum.add(-Math.scalb(1.0, scale + shift));
                break;
            }
        }
        return sum;
    }

    private static void assertSameBits(ExactSum sum, ExactSum squares, long count, String what) {
        BigInteger s = sum.unscaled();
        BigInteger n = BigInteger.valueOf(count);
        double mean = ExactMoments.quotient(s, n, sum.scale());
        double m2 = ExactMoments.m2(s, sum.scale(), squares.unscaled(), squares.scale(), count);
        ExactQuotient.Words words = ExactQuotient.Words.of(sum);
        assertThat(Double.doubleToLongBits(ExactQuotient.mean(words, count))).as("%s mean", what)
                .isEqualTo(Double.doubleToLongBits(mean));
        assertThat(Double.doubleToLongBits(ExactQuotient.m2(words, ExactQuotient.Words.of(squares), count)))
                .as("%s m2", what).isEqualTo(Double.doubleToLongBits(m2));
    }
}
