package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.aggregate.topology.PlainStats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.platform.sketch.SketchCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatsAccumulatorTest {

    @Test
    void singlePassStatisticsMatchPlainArithmeticAndPercentilesStayWithinOnePercent() {
        Random random = new Random(42);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            values.add(20 + 180 * random.nextDouble() * random.nextDouble()); // skewed, like tokens/s
        }
        StatsAccumulator accumulator = StatsAccumulator.empty("tokens/s");
        values.forEach(accumulator::add);

        new PlainStats(values).assertMatches(accumulator.toStats(), "tokens/s");
    }

    /**
     * The percentiles are DDSketch's own (its {@code getValuesAtQuantiles} on a sketch built here with the same
     * mapping and store), clamped to min and max: skewed data, zeros, values more than 2,048 bins below the
     * rest (the lowest bins collapse), a single value, and negative values (DDSketch's own walk). The
     * snapshot's sketch bytes, written in the same walk as its percentiles, are the library's encoding of
     * that sketch, from a sketch and from values held (values-first) alike.
     */
    @Test
    void percentilesAreThoseOfDdSketchItself() {
        Random random = new Random(17);
        double[] quantiles = {0.0, 0.5, 0.9, 0.95, 0.99, 1.0};
        for (int trial = 0; trial < 300; trial++) {
            StatsAccumulator accumulator = StatsAccumulator.empty("ms");
            StatsAccumulator valuesFirst = StatsAccumulator.valuesFirst("ms");
            StatsAccumulator[] halves = {StatsAccumulator.empty("ms"), StatsAccumulator.valuesFirst("ms")};
            DDSketch reference = new DDSketch(new LogarithmicMapping(StatsAccumulator.RELATIVE_ACCURACY),
                    () -> new CollapsingLowestDenseStore(StatsAccumulator.MAX_BINS));
            int size = 1 + random.nextInt(trial % 3 == 0 ? 3 : 400);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                double value = switch (random.nextInt(25)) {
                    case 0 -> 0.0;
                    case 1 -> 1e-30 * (1 + random.nextDouble());
                    case 2 -> trial % 5 == 0 ? -50 * random.nextDouble() : 7.0;
                    default -> 20 + 180 * random.nextDouble() * random.nextDouble();
                };
                accumulator.add(value);
                valuesFirst.add(value);
                halves[i % 2].add(value);
                reference.accept(value);
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            double[] expected = reference.getValuesAtQuantiles(quantiles);
            for (int q = 0; q < quantiles.length; q++) {
                assertThat(accumulator.quantile(quantiles[q])).as("trial %d quantile %s", trial, quantiles[q])
                        .isEqualTo(Math.min(max, Math.max(min, expected[q])));
            }
            MetricStats stats = accumulator.toStats();
            assertThat(new double[] {stats.getP50(), stats.getP90(), stats.getP95(), stats.getP99()})
                    .as("trial %d snapshot", trial)
                    .containsExactly(Math.min(max, Math.max(min, expected[1])), Math.min(max, Math.max(min, expected[2])),
                            Math.min(max, Math.max(min, expected[3])), Math.min(max, Math.max(min, expected[4])));
            assertThat(stats.getSketch()).as("trial %d sketch bytes", trial)
                    .isEqualTo(ByteBuffer.wrap(SketchCodec.encode(reference)));
            assertThat(valuesFirst.toStats()).as("trial %d values first", trial).isEqualTo(stats);
            // The walk takes the sketch's count from the accumulator's: so too for one merged from parts, and
            // one restored from the state's encoding.
            StatsAccumulator merged = StatsAccumulator.empty("ms").merge(halves[0]).merge(halves[1]);
            StatsAccumulator restored = StatsAccumulator.restoreCompact("ms", accumulator.count(), accumulator.mean(),
                    accumulator.m2(), accumulator.min(), accumulator.max(), accumulator.compactSketchBytes());
            for (StatsAccumulator other : new StatsAccumulator[] {merged, restored}) {
                MetricStats otherStats = other.toStats();
                assertThat(new double[] {otherStats.getP50(), otherStats.getP90(), otherStats.getP95(),
                        otherStats.getP99()}).as("trial %d merged or restored", trial)
                        .containsExactly(stats.getP50(), stats.getP90(), stats.getP95(), stats.getP99());
                assertThat(otherStats.getSketch()).as("trial %d merged or restored, sketch bytes", trial)
                        .isEqualTo(stats.getSketch());
            }
        }
    }

    /**
     * A values-first accumulator's snapshot walks its values as they are, without the sketch it would make
     * of them: its percentiles and sketch bytes are still those of that sketch (the library's, as an
     * accumulator that sketches from its first value holds it), for every handful of values up to the
     * most it holds: zeros and negative zero, values the sketch counts as zeros (below its smallest indexed
     * value) and the smallest it indexes, several in one bin, spans of bins up to and past what a store holds
     * before it collapses its lowest (where the sketch is made, as before), the largest value it tracks, and
     * negative values (a negative store: made, as before).
     */
    @Test
    void aValuesFirstSnapshotIsThatOfTheSketchOfItsValues() {
        LogarithmicMapping mapping = new LogarithmicMapping(StatsAccumulator.RELATIVE_ACCURACY);
        double smallest = mapping.minIndexableValue();
        int one = mapping.index(1.0); // values that many bins above 1.0, round the store's limit
        double[] special = {0.0, -0.0, Double.MIN_VALUE, smallest / 2, smallest, Math.nextUp(smallest), 1.0, 1.0001,
            7.0, 7.0, 250.0, mapping.maxIndexableValue(), -3.0,
            mapping.value(one + 2040), mapping.value(one + 2046), mapping.value(one + 2047), mapping.value(one + 2048),
            mapping.value(one + 2049), mapping.value(one + 2060)};
        Random random = new Random(23);
        for (int trial = 0; trial < 3_000; trial++) {
            StatsAccumulator valuesFirst = StatsAccumulator.valuesFirst("ms");
            StatsAccumulator sketched = StatsAccumulator.empty("ms");
            DDSketch reference = new DDSketch(mapping, () -> new CollapsingLowestDenseStore(StatsAccumulator.MAX_BINS));
            int size = 1 + random.nextInt(StatsAccumulator.VALUES_BEFORE_SKETCH);
            for (int i = 0; i < size; i++) {
                double value = switch (random.nextInt(4)) {
                    case 0 -> special[random.nextInt(special.length)];
                    case 1 -> 20 + 180 * random.nextDouble() * random.nextDouble();
                    case 2 -> Math.pow(10, -5 + 10 * random.nextDouble());
                    default -> 1 + random.nextInt(3) * 0.005; // a few bins, several values each
                };
                if (trial % 7 != 0 && value < 0) {
                    value = -value;
                }
                valuesFirst.add(value);
                sketched.add(value);
                reference.accept(value);
            }
            MetricStats expected = sketched.toStats();
            assertThat(valuesFirst.toStats()).as("trial %d", trial).isEqualTo(expected);
            assertThat(expected.getSketch()).as("trial %d, the library's bytes", trial)
                    .isEqualTo(ByteBuffer.wrap(SketchCodec.encode(reference)));
        }
    }

    /**
     * Cells merged into a values-first accumulator (as a warm side of several cells is, {@code ColdStartSplit})
     * give the snapshot of the same cells merged into a sketch-first one: few values in all (kept as values),
     * more (a sketch made on the way), and cells that hold a sketch already.
     */
    @Test
    void mergingIntoAValuesFirstAccumulatorGivesTheSnapshotOfMergingIntoASketch() {
        Random random = new Random(29);
        for (int trial = 0; trial < 1_000; trial++) {
            StatsAccumulator intoValues = StatsAccumulator.valuesFirst("ms");
            StatsAccumulator intoSketch = StatsAccumulator.empty("ms");
            int cells = 2 + random.nextInt(4);
            for (int c = 0; c < cells; c++) {
                StatsAccumulator cell = random.nextInt(5) == 0 ? StatsAccumulator.empty("ms") : StatsAccumulator.valuesFirst("ms");
                int size = 1 + random.nextInt(trial % 2 == 0 ? 3 : 12);
                for (int i = 0; i < size; i++) {
                    cell.add(random.nextInt(10) == 0 ? 0.0 : 20 + 180 * random.nextDouble() * random.nextDouble());
                }
                intoValues.merge(cell);
                intoSketch.merge(cell);
            }
            assertThat(intoValues.toStats()).as("trial %d", trial).isEqualTo(intoSketch.toStats());
        }
    }

    @Test
    void handWrittenSmallSampleHasTheTextbookFigures() {
        StatsAccumulator accumulator = StatsAccumulator.empty("ms");
        for (double v : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            accumulator.add(v);
        }
        MetricStats stats = accumulator.toStats();

        assertThat(stats.getCount()).isEqualTo(8);
        assertThat(stats.getMean()).isEqualTo(5.0);
        assertThat(stats.getM2()).isEqualTo(32.0);
        assertThat(stats.getStddev()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
        assertThat(stats.getMin()).isEqualTo(2.0);
        assertThat(stats.getMax()).isEqualTo(9.0);
        assertThat(stats.getP50()).isCloseTo(4.0, within(0.04));
    }

    @Test
    void emptyAndSingleValueHaveZeroSpread() {
        MetricStats empty = StatsAccumulator.empty("ms").toStats();
        assertThat(empty.getCount()).isZero();
        assertThat(empty.getStddev()).isZero();
        assertThat(empty.getP99()).isZero();
        assertThat(empty.getSketch().remaining()).isZero();

        MetricStats one = StatsAccumulator.empty("ms").add(12.5).toStats();
        assertThat(one.getCount()).isEqualTo(1);
        assertThat(one.getMean()).isEqualTo(12.5);
        assertThat(one.getStddev()).isZero();
        assertThat(one.getMin()).isEqualTo(12.5);
        assertThat(one.getMax()).isEqualTo(12.5);
        // Clamped to the exact min/max, a single value is reported exactly.
        assertThat(one.getP50()).isEqualTo(12.5);
        assertThat(one.getP99()).isEqualTo(12.5);
    }

    @Test
    void negativeZeroAndPositiveValuesAreAllCounted() {
        List<Double> values = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 999; i++) {
            values.add(i % 3 == 0 ? 0.0 : (random.nextDouble() - 0.5) * 200);
        }
        StatsAccumulator accumulator = StatsAccumulator.empty("");
        values.forEach(accumulator::add);

        MetricStats stats = accumulator.toStats();
        PlainStats expected = new PlainStats(values);
        assertThat(stats.getCount()).isEqualTo(999);
        PlainStats.assertRelative(stats.getMean(), expected.mean(), PlainStats.EXACT, "mean");
        PlainStats.assertRelative(stats.getStddev(), expected.stddev(), PlainStats.EXACT, "stddev");
        PlainStats.assertRelative(stats.getP90(), expected.rankQuantile(0.90), PlainStats.SKETCH, "p90");
        PlainStats.assertRelative(stats.getP50(), expected.rankQuantile(0.50), PlainStats.SKETCH, "p50");
    }

    @Test
    void nonFiniteValuesAreIgnored() {
        StatsAccumulator accumulator = StatsAccumulator.empty("ms")
                .add(Double.NaN).add(1.0).add(Double.POSITIVE_INFINITY).add(3.0);

        assertThat(accumulator.count()).isEqualTo(2);
        assertThat(accumulator.mean()).isEqualTo(2.0);
    }

    @Test
    void snapshotRoundTripsIntoAnAccumulatorThatKeepsMerging() {
        Random random = new Random(3);
        List<Double> first = new ArrayList<>();
        List<Double> second = new ArrayList<>();
        StatsAccumulator a = StatsAccumulator.empty("ms");
        StatsAccumulator b = StatsAccumulator.empty("ms");
        for (int i = 0; i < 700; i++) {
            double x = 100 + random.nextGaussian() * 15;
            first.add(x);
            a.add(x);
        }
        for (int i = 0; i < 300; i++) {
            double x = 250 + random.nextGaussian() * 40;
            second.add(x);
            b.add(x);
        }

        StatsAccumulator restored = StatsAccumulator.fromStats(a.toStats());
        MetricStats restoredStats = restored.toStats();
        assertThat(restoredStats).isEqualTo(a.toStats());

        StatsAccumulator merged = StatsAccumulator.fromStats(a.toStats()).merge(StatsAccumulator.fromStats(b.toStats()));
        List<Double> union = new ArrayList<>(first);
        union.addAll(second);
        new PlainStats(union).assertMatches(merged.toStats(), "ms");
    }

    @Test
    void mergingDifferentUnitsIsRefused() {
        StatsAccumulator ms = StatsAccumulator.empty("ms").add(1);
        StatsAccumulator s = StatsAccumulator.empty("s").add(1);

        assertThatThrownBy(() -> ms.merge(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s'").hasMessageContaining("'ms'");
    }

    @Test
    void copyIsIndependent() {
        StatsAccumulator original = StatsAccumulator.empty("ms").add(1).add(2);
        StatsAccumulator copy = original.copy();
        copy.add(100);

        assertThat(original.count()).isEqualTo(2);
        assertThat(original.max()).isEqualTo(2.0);
        assertThat(copy.count()).isEqualTo(3);
    }

    /**
     * An accumulator without moments (a running model's) gives, from the same values and merges, the count,
     * min, max, percentiles and sketch bytes of one with them, and the snapshot of the moments it is handed;
     * its own mean and M2 are refused, and a merge with it drops them (the union's are not known).
     */
    @Test
    void anAccumulatorWithoutMomentsGivesEveryOtherFigureOfOneWithThem() {
        Random random = new Random(23);
        for (int trial = 0; trial < 200; trial++) {
            StatsAccumulator with = trial % 2 == 0 ? StatsAccumulator.empty("ms") : StatsAccumulator.valuesFirst("ms");
            StatsAccumulator without = (trial % 2 == 0 ? StatsAccumulator.empty("ms") : StatsAccumulator.valuesFirst("ms"))
                    .withoutMoments();
            StatsAccumulator part = StatsAccumulator.valuesFirst("ms");
            int size = 1 + random.nextInt(trial % 3 == 0 ? 4 : 300);
            for (int i = 0; i < size; i++) {
                double value = random.nextInt(30) == 0 ? Double.NaN : 20 + 180 * random.nextDouble() * random.nextDouble();
                with.add(value);
                without.add(value);
                if (random.nextInt(3) == 0) {
                    part.add(value * 2);
                }
            }
            with.merge(part);
            without.merge(part.copy());
            Moments moments = Moments.of(with.count(), with.mean(), with.m2());

            assertThat(without.keepsMoments()).isFalse();
            assertThat(without.count()).isEqualTo(with.count());
            assertThat(without.toStats(moments)).as("trial %d", trial).isEqualTo(with.toStats());
            assertThat(without.compactSketchBytes()).isEqualTo(with.compactSketchBytes());
            assertThat(without.copy().keepsMoments()).isFalse();
        }
        StatsAccumulator without = StatsAccumulator.empty("ms").withoutMoments().add(3);
        assertThatThrownBy(without::mean).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(without::m2).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(without::toStats).isInstanceOf(IllegalStateException.class);
        StatsAccumulator merged = StatsAccumulator.empty("ms").add(1).merge(without);
        assertThat(merged.keepsMoments()).isFalse();
        assertThat(merged.count()).isEqualTo(2);
        assertThatThrownBy(merged::mean).isInstanceOf(IllegalStateException.class);
    }
}
