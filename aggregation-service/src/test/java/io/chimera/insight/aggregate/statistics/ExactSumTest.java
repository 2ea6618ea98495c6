package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** unscaled × 2^scale, exactly. */
    private static BigDecimal value(ExactSum sum) {
        BigDecimal unscaled = new BigDecimal(sum.unscaled());
        int scale = sum.scale();
        BigDecimal power = new BigDecimal(java.math.BigInteger.TWO.pow(Math.abs(scale)));
        return scale >= 0 ? unscaled.multiply(power) : unscaled.divide(power);
    }
}
