package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.aggregate.statistics.ExactReference.Part;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Exact sums and the moments made from them: the same bits whatever the order of the parts and
 * whatever was added and taken out again, and those bits are the exact values rounded once.
 */
class ExactMomentsTest {

    @Test
    void anExactSumEqualsTheSumInBigDecimalWhateverTheMagnitudesAndSigns() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            ExactSum sum = new ExactSum();
            BigDecimal expected = BigDecimal.ZERO;
            int terms = 1 + random.nextInt(60);
            for (int i = 0; i < terms; i++) {
                double value = value(random);
                sum.add(value);
                expected = expected.add(new BigDecimal(value));
            }
            assertThat(value(sum)).as("trial %d", trial).isEqualByComparingTo(expected);
        }
    }

    @Test
    void termsTakenOutAgainLeaveExactlyZeroAndCarriesAreKeptPastMillionsOfTerms() {
        ExactSum sum = new ExactSum();
        double[] values = {1e300, -3.5e-300, Double.MIN_VALUE, 0.1, -7.25, Double.MAX_VALUE};
        for (double value : values) {
            sum.add(value);
        }
        assertThat(sum.isZero()).isFalse();
        for (double value : values) {
            sum.add(-value);
        }
        assertThat(sum.isZero()).isTrue();

        // More additions than a digit takes between two carry passes: 2^24 + 3 times 0.75, and once -1.
        ExactSum many = new ExactSum();
        int count = (1 << 24) + 3;
        for (int i = 0; i < count; i++) {
            many.add(0.75);
        }
        many.add(-1.0);
        assertThat(value(many)).isEqualByComparingTo(new BigDecimal("0.75").multiply(BigDecimal.valueOf(count))
                .subtract(BigDecimal.ONE));
    }

    @Test
    void aChangeSplitOnceAndAppliedToTwoTotalsGivesTheBitsOfEachPartTakenOutAndPutInAlone() {
        // What the running model does per run and metric: an entry's moments before the run out, after it in,
        // split once and applied to its configuration's and its model's totals.
        Random random = new Random(31);
        ExactMoments configuration = new ExactMoments();
        ExactMoments model = new ExactMoments();
        ExactMoments reference = new ExactMoments();
        ExactMoments.Change change = new ExactMoments.Change();
        // Each total holds other entries too (with one part alone, the moments are that part's, no sum used).
        configuration.add(3, -1.5, 4.0);
        reference.add(3, -1.5, 4.0);
        model.add(7, 2.5, 1.25);
        long count = 0;
        double mean = 0;
        double m2 = 0;
        for (int round = 0; round < 3_000; round++) {
            long newCount = count + 1 + random.nextInt(3);
            double newMean = round % 97 == 0 ? Double.MAX_VALUE / 2 : value(random); // n·μ past the double range now and then
            double newM2 = round % 89 == 0 ? Double.MAX_VALUE : Math.abs(value(random));
            change.clear().put(count, mean, m2, true).put(newCount, newMean, newM2, false).split();
            configuration.apply(change);
            model.apply(change);
            reference.remove(count, mean, m2);
            reference.add(newCount, newMean, newM2);
            assertThat(bits(configuration)).as("round %d", round).isEqualTo(bits(reference));
            count = newCount;
            mean = newMean;
            m2 = newM2;
        }
        reference.remove(3, -1.5, 4.0);
        reference.add(7, 2.5, 1.25);
        assertThat(bits(model)).isEqualTo(bits(reference));
        assertThatThrownBy(() -> change.put(1, 1.0, 0.0, false)).isInstanceOf(IllegalStateException.class);
    }

    /** Count, mean and M2 of {@code moments}, to the bit. */
    private static List<Long> bits(ExactMoments moments) {
        Moments worked = moments.moments();
        return List.of(worked.count(), Double.doubleToRawLongBits(worked.mean()), Double.doubleToRawLongBits(worked.m2()));
    }

    @Test
    void theMomentsOfTwoPartsAreThoseOfTheirValuesTogether() {
        // 1, 2 (mean 1.5, M2 0.5) and 3, 4, 5 (mean 4, M2 2): 1 to 5 has mean 3 and M2 4 + 1 + 0 + 1 + 4 = 10.
        ExactMoments moments = new ExactMoments();
        moments.add(2, 1.5, 0.5);
        moments.add(3, 4.0, 2.0);
        assertThat(moments.moments().count()).isEqualTo(5);
        assertThat(moments.moments().mean()).isEqualTo(3.0);
        assertThat(moments.moments().m2()).isEqualTo(10.0);
        assertThat(moments.moments().variance()).isEqualTo(2.5);
    }

    @Test
    void theMomentsAreTheExactOnesRoundedOnceWhateverTheOrderAndWhatCameAndWent() {
        Random random = new Random(11);
        int orderMattersForChan = 0;
        for (int trial = 0; trial < 300; trial++) {
            List<Part> parts = new ArrayList<>();
            int size = 2 + random.nextInt(40);
            double center = Math.pow(10, random.nextInt(12) - 4);
            for (int i = 0; i < size; i++) {
                parts.add(part(random, center));
            }
            double[] expected = ExactReference.meanAndM2(parts);

            ExactMoments inOrder = new ExactMoments();
            parts.forEach(part -> inOrder.add(part.count(), part.mean(), part.m2()));
            List<Part> shuffled = new ArrayList<>(parts);
            Collections.shuffle(shuffled, random);
            ExactMoments otherOrder = new ExactMoments();
            for (Part part : shuffled) {
                // Parts that come and go again on the way, as an entry's moments before each of its runs do.
                Part passing = part(random, center * 1_000);
                otherOrder.add(passing.count(), passing.mean(), passing.m2());
                otherOrder.add(part.count(), part.mean(), part.m2());
                otherOrder.remove(passing.count(), passing.mean(), passing.m2());
            }
            ExactMoments halves = new ExactMoments();
            ExactMoments secondHalf = new ExactMoments();
            for (int i = 0; i < parts.size(); i++) {
                (i % 2 == 0 ? halves : secondHalf).add(parts.get(i).count(), parts.get(i).mean(), parts.get(i).m2());
            }
            halves.add(secondHalf);

            for (ExactMoments moments : List.of(inOrder, otherOrder, halves)) {
                assertThat(moments.moments().mean()).as("trial %d mean", trial).isEqualTo(expected[0]);
                assertThat(moments.moments().m2()).as("trial %d m2", trial).isEqualTo(expected[1]);
            }
            orderMattersForChan += chan(parts) != chan(shuffled) ? 1 : 0;
        }
        // The data is such that Chan's pairwise merge gives other bits in another order.
        assertThat(orderMattersForChan).isGreaterThan(30);
    }

    /**
     * One part's moments are its own (no division is done for them), and they are the bits the
     * division gives, zeros included: one part, a part replaced in place as a run replaces an entry's
     * moments, one part copied into an empty sum, and one of two parts taken out (then the division).
     */
    @Test
    void aSinglePartGivesTheBitsTheExactDivisionGives() {
        Random random = new Random(29);
        for (int trial = 0; trial < 500; trial++) {
            double center = Math.pow(10, random.nextInt(16) - 6);
            Part first = trial % 50 == 0 ? new Part(2, 0.0, 0.0) : part(random, center);
            Part second = part(random, center);
            ExactMoments replaced = new ExactMoments();
            replaced.add(first.count(), first.mean(), first.m2());
            replaced.apply(new ExactMoments.Change().put(first.count(), first.mean(), first.m2(), true)
                    .put(second.count(), second.mean(), second.m2(), false));
            ExactMoments copied = new ExactMoments();
            copied.add(replaced);
            ExactMoments leftOver = new ExactMoments();
            leftOver.add(first.count(), first.mean(), first.m2());
            leftOver.add(second.count(), second.mean(), second.m2());
            leftOver.remove(first.count(), first.mean(), first.m2());
            double[] expected = ExactReference.meanAndM2(List.of(second));
            for (ExactMoments moments : List.of(replaced, copied, leftOver)) {
                assertThat(Double.doubleToLongBits(moments.moments().mean())).as("trial %d mean", trial)
                        .isEqualTo(Double.doubleToLongBits(expected[0]));
                assertThat(Double.doubleToLongBits(moments.moments().m2())).as("trial %d m2", trial)
                        .isEqualTo(Double.doubleToLongBits(expected[1]));
            }
            ExactMoments zero = new ExactMoments();
            zero.add(first.count(), first.mean(), first.m2());
            double[] expectedFirst = ExactReference.meanAndM2(List.of(first));
            assertThat(Double.doubleToLongBits(zero.moments().mean())).isEqualTo(Double.doubleToLongBits(expectedFirst[0]));
            assertThat(Double.doubleToLongBits(zero.moments().m2())).isEqualTo(Double.doubleToLongBits(expectedFirst[1]));
        }
    }

    @Test
    void aPartTooLargeToSumMakesTheMeanUnknownUntilItIsTakenOut() {
        ExactMoments moments = new ExactMoments();
        moments.add(2, 1.0, 0.0);
        moments.add(4, Double.MAX_VALUE / 2, 0.0);
        assertThat(moments.moments().mean()).isNaN();
        moments.remove(4, Double.MAX_VALUE / 2, 0.0);
        assertThat(moments.moments().mean()).isEqualTo(1.0);
        moments.add(1, 1e200, Double.POSITIVE_INFINITY);
        assertThat(moments.moments().m2()).isInfinite();
    }

    /**
     * A configuration's moments are mostly one part replaced run after run, held apart from the sums; when a
     * second part comes, or the only one goes, the figures are still the exact ones, bit for bit: the part
     * held apart goes into the sums as it would have gone in. Each step is checked against the exact
     * reference of the parts in at that moment.
     */
    @Test
    void aSolePartHeldApartGivesTheExactFiguresThroughEveryChangeOfParts() {
        Random random = new Random(41);
        for (int trial = 0; trial < 300; trial++) {
            double center = Math.pow(10, random.nextInt(16) - 6);
            ExactMoments moments = new ExactMoments();
            Part sole = part(random, center);
            moments.add(sole.count(), sole.mean(), sole.m2());
            for (int run = 0; run < 1 + random.nextInt(5); run++) {
                Part next = part(random, center);
                moments.apply(new ExactMoments.Change().put(sole.count(), sole.mean(), sole.m2(), true)
                        .put(next.count(), next.mean(), next.m2(), false));
                sole = next;
                assertExact(moments, List.of(sole), trial);
            }
            Part second = part(random, center);
            moments.add(second.count(), second.mean(), second.m2());
            assertExact(moments, List.of(sole, second), trial);
            ExactMoments copy = new ExactMoments();
            copy.add(moments);
            assertExact(copy, List.of(sole, second), trial);
            moments.remove(second.count(), second.mean(), second.m2());
            assertExact(moments, List.of(sole), trial);
            moments.remove(sole.count(), sole.mean(), sole.m2());
            assertThat(moments.count()).isZero();
            // A new only part over sums that hold exactly zero again, then another part beside it.
            Part again = part(random, center);
            moments.add(again.count(), again.mean(), again.m2());
            assertExact(moments, List.of(again), trial);
            ExactMoments joined = new ExactMoments();
            joined.add(second.count(), second.mean(), second.m2());
            joined.add(moments);
            assertExact(joined, List.of(second, again), trial);
        }
    }

    /**
     * A cold or warm side's moments are summed at each emission from its cells' (ColdStartSplit), each mostly
     * one part held apart, into empty moments: the first cell's part is taken as it is, held apart in turn, and
     * the figures stay the exact ones, bit for bit, as the next cells come (its part then goes into the sums),
     * as one of them is taken out again, and when a cell of summed parts comes first.
     */
    @Test
    void aSideSummedFromItsCellsGivesTheExactFiguresWhicheverCellComesFirst() {
        Random random = new Random(43);
        for (int trial = 0; trial < 300; trial++) {
            double center = Math.pow(10, random.nextInt(16) - 6);
            List<Part> parts = new ArrayList<>();
            List<ExactMoments> cells = new ArrayList<>();
            for (int cell = 0; cell < 1 + random.nextInt(4); cell++) {
                ExactMoments moments = new ExactMoments();
                for (int part = 0; part < (random.nextInt(3) == 0 ? 2 : 1); part++) {
                    Part next = part(random, center);
                    moments.add(next.count(), next.mean(), next.m2());
                    parts.add(next);
                }
                cells.add(moments);
            }
            ExactMoments side = new ExactMoments();
            List<Part> summed = new ArrayList<>();
            int partIndex = 0;
            for (ExactMoments cell : cells) {
                side.add(cell);
                while (summed.stream().mapToLong(Part::count).sum() < side.count()) {
                    summed.add(parts.get(partIndex++));
                }
                assertExact(side, summed, trial);
            }
            if (parts.size() > 1) {
                Part first = parts.get(0);
                side.remove(first.count(), first.mean(), first.m2());
                assertExact(side, parts.subList(1, parts.size()), trial);
            }
        }
    }

    @Test
    void anOnlyPartTooLargeToSumIsNotTakenAsItIs() {
        ExactMoments moments = new ExactMoments();
        moments.add(4, Double.MAX_VALUE / 2, 0.0);
        assertThat(moments.moments().mean()).isNaN();
        moments.apply(new ExactMoments.Change().put(4, Double.MAX_VALUE / 2, 0.0, true).put(2, 1.0, 0.0, false));
        assertThat(moments.moments().mean()).isEqualTo(1.0);
        moments.apply(new ExactMoments.Change().put(2, 1.0, 0.0, true).put(1, 1e200, Double.POSITIVE_INFINITY, false));
        assertThat(moments.moments().m2()).isInfinite();
    }

    /**
     * The running model's path through a configuration's moments: its first part held apart, the second brought
     * by a split change applied to the configuration's and the model's moments (the sums then made, sized for
     * both parts' terms), then more parts, and parts replaced and taken out: every figure the exact one rounded
     * once, bit for bit, over means and M2s hundreds of binary places apart, of both signs and cancelling.
     */
    @Test
    void theSumsMadeForASecondPartGiveTheExactFiguresThroughMorePartsAndRemovals() {
        Random random = new Random(47);
        ExactMoments.Change change = new ExactMoments.Change();
        for (int trial = 0; trial < 500; trial++) {
            ExactMoments configuration = new ExactMoments();
            ExactMoments model = new ExactMoments();
            Part other = wide(random);
            model.add(other.count(), other.mean(), other.m2());
            List<Part> parts = new ArrayList<>(List.of(wide(random)));
            change.clear().put(parts.get(0).count(), parts.get(0).mean(), parts.get(0).m2(), false).split();
            configuration.apply(change);
            model.apply(change);
            for (int step = 0; step < 1 + random.nextInt(5); step++) {
                Part next = random.nextInt(3) == 0 ? new Part(parts.get(0).count(), -parts.get(0).mean(),
                        parts.get(0).m2()) : wide(random); // one that cancels the first's mean
                change.clear();
                if (step > 0 && random.nextBoolean()) {
                    Part out = parts.remove(random.nextInt(parts.size()));
                    change.put(out.count(), out.mean(), out.m2(), true);
                }
                change.put(next.count(), next.mean(), next.m2(), false).split();
                configuration.apply(change);
                model.apply(change);
                parts.add(next);
                assertExact(configuration, parts, trial);
                List<Part> inModel = new ArrayList<>(parts);
                inModel.add(other);
                assertExact(model, inModel, trial);
            }
            Part out = parts.remove(0);
            configuration.remove(out.count(), out.mean(), out.m2());
            if (!parts.isEmpty()) {
                assertExact(configuration, parts, trial);
            }
        }
    }

    /**
     * A part whose mean lies anywhere from 2<sup>-450</sup> to 2<sup>450</sup>, of either sign: n·μ² and its
     * rounding errors stay normal doubles (below them the split into doubles that add up to the products is
     * not exact, and the figures are not the exact ones to begin with); the sums then span dozens of digits.
     */
    private static Part wide(Random random) {
        long count = 1 + random.nextInt(9);
        double mean = (random.nextBoolean() ? -1 : 1) * Math.scalb(1 + random.nextDouble(), random.nextInt(900) - 450);
        double m2 = count == 1 ? 0.0 : Math.scalb(1 + random.nextDouble(), random.nextInt(1_800) - 900);
        return new Part(count, mean, m2);
    }

    private static void assertExact(ExactMoments moments, List<Part> parts, int trial) {
        double[] expected = ExactReference.meanAndM2(parts);
        assertThat(moments.count()).isEqualTo(parts.stream().mapToLong(Part::count).sum());
        assertThat(Double.doubleToLongBits(moments.moments().mean())).as("trial %d mean", trial)
                .isEqualTo(Double.doubleToLongBits(expected[0]));
        assertThat(Double.doubleToLongBits(moments.moments().m2())).as("trial %d m2", trial)
                .isEqualTo(Double.doubleToLongBits(expected[1]));
    }

    @Test
    void aQuotientIsRoundedToTheNearestDouble() {
        assertThat(ExactMoments.quotient(BigInteger.ONE, BigInteger.valueOf(3), 0)).isEqualTo(1.0 / 3);
        assertThat(ExactMoments.quotient(BigInteger.valueOf(-2), BigInteger.valueOf(3), -4)).isEqualTo(-2.0 / 3 / 16);
        // 2^53 + 1 lies halfway between two doubles: ties to even, down; a hair above it rounds up.
        BigInteger halfway = BigInteger.ONE.shiftLeft(53).add(BigInteger.ONE);
        assertThat(ExactMoments.quotient(halfway, BigInteger.ONE, 0)).isEqualTo(0x1p53);
        assertThat(ExactMoments.quotient(halfway.shiftLeft(80).add(BigInteger.ONE), BigInteger.ONE, -80))
                .isEqualTo(0x1p53 + 2);
    }

    private static Part part(Random random, double center) {
        long count = 1 + random.nextInt(9);
        double mean = center * (1 + random.nextGaussian() / 3) * (random.nextInt(10) == 0 ? -1 : 1);
        double m2 = count == 1 ? 0.0 : Math.abs(center * center * random.nextDouble() * count);
        return new Part(count, mean, m2);
    }

    private static double chan(List<Part> parts) {
        // Chan's formula as an accumulator merges with it: each part an accumulator of its moments alone.
        StatsAccumulator merged = StatsAccumulator.empty("x");
        parts.forEach(part -> merged.merge(StatsAccumulator.restore("x", part.count(), part.mean(), part.m2(), 0, 0,
                new byte[0])));
        return merged.m2() + merged.mean();
    }

    private static double value(Random random) {
        double magnitude = Math.pow(10, random.nextInt(40) - 20) * random.nextDouble();
        return switch (random.nextInt(10)) {
            case 0 -> -magnitude;
            case 1 -> random.nextBoolean() ? Double.MIN_VALUE * random.nextInt(1000) : -Double.MAX_VALUE / 4;
            case 2 -> Math.scalb(random.nextDouble(), random.nextInt(2000) - 1000);
            default -> magnitude;
        };
    }

    private static BigDecimal value(ExactSum sum) {
        BigDecimal unscaled = new BigDecimal(sum.unscaled());
        int scale = sum.scale();
        BigDecimal power = new BigDecimal(BigInteger.ONE.shiftLeft(Math.abs(scale)));
        return scale >= 0 ? unscaled.multiply(power) : unscaled.divide(power);
    }
}
