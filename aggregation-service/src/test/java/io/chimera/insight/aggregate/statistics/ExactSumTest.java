package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** An exact sum is the sum of its values to the last bit, whatever their order and however its digits grew. */
class ExactSumTest {

    @Test
    void theSumOfValuesOverEveryRangeIsExactInAnyOrderAndAfterTakingPartsOut() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            // Values whose places move a few digits from one to the next, as the rounding errors of a run's
            // products do: the digits widen down and up again and again.
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                double magnitude = Math.scalb(1.0, random.nextInt(400) - 200);
                values.add((random.nextBoolean() ? -1 : 1) * magnitude * (1 + random.nextDouble()));
            }
            BigDecimal expected = BigDecimal.ZERO;
            for (double value : values) {
                expected = expected.add(new BigDecimal(value));
            }
            ExactSum forward = new ExactSum();
            values.forEach(forward::add);
            List<Double> shuffled = new ArrayList<>(values);
            Collections.shuffle(shuffled, random);
            ExactSum shuffledSum = new ExactSum();
            shuffled.forEach(shuffledSum::add);
            // Extra parts put in and taken out again leave only the values.
            ExactSum withRemovals = new ExactSum();
            for (double value : shuffled) {
                double extra = Math.scalb(random.nextDouble(), random.nextInt(600) - 300);
                withRemovals.add(extra);
                withRemovals.add(value);
                withRemovals.add(-extra);
            }
            ExactSum merged = new ExactSum();
            merged.add(forward);

            assertThat(value(forward)).isEqualByComparingTo(expected);
            assertThat(value(shuffledSum)).isEqualByComparingTo(expected);
            assertThat(value(withRemovals)).isEqualByComparingTo(expected);
            assertThat(value(merged)).isEqualByComparingTo(expected);
        }
    }

    @Test
    void termsSplitOnceAddToSeveralSumsWhatEachTermAddedAloneWould() {
        Random random = new Random(23);
        ExactSum.Terms terms = new ExactSum.Terms();
        ExactSum first = new ExactSum();
        ExactSum second = new ExactSum();
        ExactSum oneByOne = new ExactSum();
        BigDecimal expected = BigDecimal.ZERO;
        for (int round = 0; round < 2_000; round++) {
            // Up to the most terms a change holds, at the edges of the double range too: subnormals, values
            // near Double.MAX_VALUE, zeros, either sign; and what was added before taken out again.
            int count = 1 + random.nextInt(ExactSum.Terms.MAX_TERMS);
            for (int i = 0; i < count; i++) {
                double value = edgeOrRandom(random);
                terms.add(value);
                oneByOne.add(value);
                expected = expected.add(new BigDecimal(value));
            }
            terms.addTo(first);
            terms.addTo(second);
            terms.clear();
            assertThat(value(first)).as("round %d", round).isEqualByComparingTo(expected);
            assertThat(value(second)).as("round %d", round).isEqualByComparingTo(expected);
        }
        assertThat(value(oneByOne)).isEqualByComparingTo(expected);
        // Terms that were cleared add nothing.
        terms.addTo(first);
        assertThat(value(first)).isEqualByComparingTo(expected);
        assertThatThrownBy(() -> {
            for (int i = 0; i <= ExactSum.Terms.MAX_TERMS; i++) {
                terms.add(1.0);
            }
        }).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void termsAddedPastTheCarryIntervalKeepTheSumExact() {
        // The largest terms a digit takes, all of one sign, each counted towards the sum's next carry pass:
        // without the count, the digits under them would overflow a long.
        ExactSum.Terms terms = new ExactSum.Terms();
        double largest = Math.nextDown(Math.scalb(1.0, 64)); // 53 one-bits, spread over three digits
        for (int i = 0; i < ExactSum.Terms.MAX_TERMS; i++) {
            terms.add(-largest);
        }
        ExactSum sum = new ExactSum();
        int times = (1 << 25) + 5; // uncounted, 64 × 2^32 a call would pass 2^63 by then
        for (int i = 0; i < times; i++) {
            terms.addTo(sum);
        }
        BigDecimal expected = new BigDecimal(-largest).multiply(BigDecimal.valueOf((long) times * ExactSum.Terms.MAX_TERMS));
        assertThat(value(sum)).isEqualByComparingTo(expected);
    }

    /**
     * A sum's digits just fit what went in, whether one value, a set reserved for beforehand or a value that
     * widens them later; a reservation on a sum that holds digits changes nothing.
     */
    @Test
    void theDigitsJustFitWhatWentIn() {
        ExactSum one = new ExactSum();
        one.add(1.0); // 2^52 × 2^-52: digits -2 to 0
        assertThat(one.carriedDigits()).hasSize(3);
        assertThat(one.scale()).isEqualTo(-64);

        ExactSum reserved = new ExactSum();
        double[] values = {1.0, 0.0, Math.scalb(1.0, -70)}; // digits -2..0 and -4..-2; the zero none
        reserved.reserveFor(values, 3, new double[] {Math.scalb(1.0, 40)}, 1); // digits -1..1: -4..1 in all
        assertThat(reserved.carriedDigits()).hasSize(6);
        for (double value : values) {
            reserved.add(value);
        }
        reserved.add(Math.scalb(1.0, 40));
        assertThat(reserved.carriedDigits()).as("no widening for what was reserved for").hasSize(6);
        reserved.reserveFor(new double[] {Math.scalb(1.0, 400)}, 1, null, 0);
        assertThat(reserved.carriedDigits()).as("a reservation once digits are held").hasSize(6);

        reserved.add(Math.scalb(1.0, 200)); // digits 4..6: widened up to 6, -4..6
        assertThat(reserved.carriedDigits()).hasSize(11);
        assertThat(value(reserved)).isEqualByComparingTo(new BigDecimal(1.0).add(new BigDecimal(Math.scalb(1.0, -70)))
                .add(new BigDecimal(Math.scalb(1.0, 40))).add(new BigDecimal(Math.scalb(1.0, 200))));
    }

    /**
     * A sum reserved for its values beforehand (as a configuration's sums are made, for its first two parts) holds
     * their exact sum, the same value as one that widened value by value, through more values, cancellations and
     * values taken out again: over subnormals, values near the largest double and everything between.
     */
    @Test
    void aSumReservedForItsValuesIsTheExactSumOfWhateverComesAfter() {
        Random random = new Random(13);
        for (int round = 0; round < 2_000; round++) {
            double[] first = new double[1 + random.nextInt(7)];
            double[] second = new double[random.nextInt(11)];
            for (int i = 0; i < first.length; i++) {
                first[i] = edgeOrRandom(random);
            }
            for (int i = 0; i < second.length; i++) {
                // Now and then the negation of a value before: the sum cancels to fewer digits.
                second[i] = random.nextInt(4) == 0 ? -first[random.nextInt(first.length)] : edgeOrRandom(random);
            }
            ExactSum reserved = new ExactSum();
            reserved.reserveFor(first, first.length, second, second.length);
            ExactSum widened = new ExactSum();
            BigDecimal expected = BigDecimal.ZERO;
            ExactSum.Terms terms = new ExactSum.Terms();
            for (double value : second) {
                terms.add(value);
            }
            for (double value : first) {
                reserved.add(value);
                widened.add(value);
                expected = expected.add(new BigDecimal(value));
            }
            terms.addTo(reserved); // as the running model's split change comes in
            for (double value : second) {
                widened.add(value);
                expected = expected.add(new BigDecimal(value));
            }
            assertThat(value(reserved)).as("round %d", round).isEqualByComparingTo(expected);
            // Later values, some of them the earlier ones taken out again.
            for (int i = 0; i < random.nextInt(6); i++) {
                double value = random.nextBoolean() ? -first[random.nextInt(first.length)] : edgeOrRandom(random);
                reserved.add(value);
                widened.add(value);
                expected = expected.add(new BigDecimal(value));
            }
            assertThat(value(reserved)).as("round %d, later", round).isEqualByComparingTo(expected)
                    .isEqualByComparingTo(value(widened));
            assertThat(reserved.isZero()).isEqualTo(expected.signum() == 0);
        }
    }

    private static double edgeOrRandom(Random random) {
        switch (random.nextInt(8)) {
            case 0:
                return (random.nextBoolean() ? -1 : 1) * Double.MIN_VALUE * (1 + random.nextInt(1_000));
            case 1:
                return (random.nextBoolean() ? -1 : 1) * Double.MAX_VALUE * random.nextDouble();
            case 2:
                return 0.0;
            default:
                return (random.nextBoolean() ? -1 : 1) * Math.scalb(1 + random.nextDouble(), random.nextInt(200) - 100);
        }
    }

    /** unscaled × 2^scale, exactly. */
    private static BigDecimal value(ExactSum sum) {
        BigDecimal unscaled = new BigDecimal(sum.unscaled());
        int scale = sum.scale();
        BigDecimal power = new BigDecimal(java.math.BigInteger.TWO.pow(Math.abs(scale)));
        return scale >= 0 ? unscaled.multiply(power) : unscaled.divide(power);
    }
}
