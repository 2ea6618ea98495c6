package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A values-first accumulator (an entry's) holds its first values as they are and makes its sketch past
 * {@link StatsAccumulator#VALUES_BEFORE_SKETCH}; every figure it gives, the contract's sketch bytes
 * included, is the one an accumulator that sketched every value from the start gives, whatever mix of
 * additions and merges brought the values in.
 */
class ValuesFirstAccumulatorTest {

    /** Values over five orders of magnitude, a zero and a negative one: every part of a sketch (both stores, the zero count). */
    private static double[] values(int count, long seed) {
        Random random = new Random(seed);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = switch (i % 7) {
                case 3 -> 0.0;
                case 5 -> -random.nextDouble() * 40;
                default -> Math.pow(10, 5 * random.nextDouble()) * (1 + random.nextDouble());
            };
        }
        return values;
    }

    private static StatsAccumulator fed(StatsAccumulator accumulator, double[] values) {
        for (double value : values) {
            accumulator.add(value);
        }
        return accumulator;
    }

    @Test
    void everyFigureIsThoseOfTheSketchedAccumulatorAtEveryCount() {
        for (int count = 0; count <= 3 * StatsAccumulator.VALUES_BEFORE_SKETCH; count++) {
            double[] values = values(count, count);
            StatsAccumulator sketched = fed(StatsAccumulator.empty("ms"), values);
            StatsAccumulator first = fed(StatsAccumulator.valuesFirst("ms"), values);

            assertThat(first.toStats()).as("%d values", count).isEqualTo(sketched.toStats());
            assertThat(first.compactSketchBytes()).as("%d values", count).isEqualTo(sketched.compactSketchBytes());
            assertThat(first.quantile(0.75)).as("%d values", count).isEqualTo(sketched.quantile(0.75));
            assertThat(first.holdsValues()).as("%d values", count).isEqualTo(count <= StatsAccumulator.VALUES_BEFORE_SKETCH);
            if (first.holdsValues()) {
                assertThat(first.values()).isEqualTo(values);
            }
            assertThat(sketched.holdsValues()).isFalse();
        }
    }

    @Test
    void readingTheFiguresLeavesTheValuesAsTheyAre() {
        StatsAccumulator first = fed(StatsAccumulator.valuesFirst("ms"), values(3, 1));

        first.toStats();
        first.quantile(0.5);
        first.compactSketchBytes();

        assertThat(first.holdsValues()).isTrue();
        assertThat(first.values()).isEqualTo(values(3, 1));
    }

    @Test
    void mergesOfEitherFormGiveTheSketchedFigures() {
        int most = 2 * StatsAccumulator.VALUES_BEFORE_SKETCH + 2;
        for (int total = 1; total <= most; total++) {
            double[] all = values(total, 100 + total);
            for (int split = 0; split <= total; split++) {
                double[] left = Arrays.copyOfRange(all, 0, split);
                double[] right = Arrays.copyOfRange(all, split, total);
                // The same merge with sketches throughout: Chan's moments depend on the split, not on the form.
                StatsAccumulator expected = fed(StatsAccumulator.empty("ms"), left).merge(fed(StatsAccumulator.empty("ms"), right));
                String at = total + " values split at " + split;

                StatsAccumulator bothValues = fed(StatsAccumulator.valuesFirst("ms"), left)
                        .merge(fed(StatsAccumulator.valuesFirst("ms"), right));
                assertThat(bothValues.toStats()).as(at).isEqualTo(expected.toStats());
                assertThat(bothValues.holdsValues()).as(at)
                        .isEqualTo(total <= StatsAccumulator.VALUES_BEFORE_SKETCH);

                assertThat(fed(StatsAccumulator.empty("ms"), left).merge(fed(StatsAccumulator.valuesFirst("ms"), right))
                        .toStats()).as(at).isEqualTo(expected.toStats());
                assertThat(fed(StatsAccumulator.valuesFirst("ms"), left).merge(fed(StatsAccumulator.empty("ms"), right))
                        .toStats()).as(at).isEqualTo(expected.toStats());
            }
        }
    }

    @Test
    void copiesAreIndependentAndASketchedCopyHoldsASketch() {
        StatsAccumulator first = fed(StatsAccumulator.valuesFirst("ms"), values(2, 7));
        StatsAccumulator copy = first.copy();
        StatsAccumulator sketchedCopy = first.sketchedCopy();

        copy.add(12.0);

        assertThat(first.count()).isEqualTo(2);
        assertThat(first.values()).isEqualTo(values(2, 7));
        assertThat(copy.holdsValues()).isTrue();
        assertThat(sketchedCopy.holdsValues()).isFalse();
        assertThat(sketchedCopy.toStats()).isEqualTo(first.toStats());
        assertThat(fed(sketchedCopy, new double[] {12.0}).toStats()).isEqualTo(copy.toStats());
    }

    @Test
    void restoredValuesKeepTheirMomentsAndAreCheckedAgainstTheCount() {
        StatsAccumulator first = StatsAccumulator.valuesFirst("ms").merge(fed(StatsAccumulator.valuesFirst("ms"), values(2, 3)))
                .merge(fed(StatsAccumulator.valuesFirst("ms"), values(3, 4)));

        StatsAccumulator restored = StatsAccumulator.restoreValues("ms", first.count(), first.mean(), first.m2(),
                first.min(), first.max(), first.values());

        assertThat(restored.toStats()).isEqualTo(first.toStats());
        assertThat(restored.holdsValues()).isTrue();
        assertThatThrownBy(() -> StatsAccumulator.restoreValues("ms", 3, 1, 0, 1, 1, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 values restored with 2");
    }

    @Test
    void heldValuesWeighTheirDoublesNotASketchsBins() {
        StatsAccumulator first = fed(StatsAccumulator.valuesFirst("ms"), new double[] {10.0, 1_000.0});
        StatsAccumulator sketched = fed(StatsAccumulator.empty("ms"), new double[] {10.0, 1_000.0});

        // Two doubles against a sketch's array of 256 bins (10 to 1,000 at 1 %: 233 bins).
        assertThat(sketched.footprintBytes() - first.footprintBytes()).isEqualTo((256 - 2) * Double.BYTES);
    }
}
