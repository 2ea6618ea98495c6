package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.aggregate.topology.PlainStats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: splitting a data set into any number of parts, accumulating each part apart and
 * merging the parts in any order gives the statistics of a single pass over the whole set.
 */
class ChanMergePropertyTest {

    @Test
    void mergingRandomPartitionsEqualsASinglePassOverTheUnion() {
        Random random = new Random(20240917L);
        for (int trial = 0; trial < 200; trial++) {
            List<Double> values = randomValues(random, 1 + random.nextInt(400));
            int parts = 1 + random.nextInt(8);
            List<List<Double>> partition = randomPartition(random, values, parts);

            List<StatsAccumulator> partials = new ArrayList<>();
            for (List<Double> part : partition) {
                StatsAccumulator partial = StatsAccumulator.empty("ms");
                part.forEach(partial::add);
                // Half the time go through the wire form, as the aggregation does between files.
                partials.add(random.nextBoolean() ? StatsAccumulator.fromStats(partial.toStats()) : partial);
            }
            Collections.shuffle(partials, random);
            StatsAccumulator merged = StatsAccumulator.empty("ms");
            partials.forEach(merged::merge);

            StatsAccumulator singlePass = StatsAccumulator.empty("ms");
            values.forEach(singlePass::add);

            String context = "trial " + trial + " (" + values.size() + " values in " + parts + " parts)";
            PlainStats expected = new PlainStats(values);
            assertThat(merged.count()).as(context).isEqualTo(values.size());
            PlainStats.assertRelative(merged.mean(), expected.mean(), PlainStats.EXACT, context + " mean");
            PlainStats.assertRelative(merged.stddev(), expected.stddev(), PlainStats.EXACT, context + " stddev");
            PlainStats.assertRelative(merged.m2(), singlePass.m2(), PlainStats.EXACT, context + " m2");
            assertThat(merged.min()).as(context).isEqualTo(expected.min());
            assertThat(merged.max()).as(context).isEqualTo(expected.max());
            // Sketch merging is lossless: the same bins as a single pass, so the same percentiles.
            for (double q : new double[] {0.0, 0.5, 0.9, 0.95, 0.99, 1.0}) {
                assertThat(merged.quantile(q)).as(context + " q" + q).isEqualTo(singlePass.quantile(q));
                PlainStats.assertRelative(merged.quantile(q), expected.rankQuantile(q), PlainStats.SKETCH, context + " q" + q);
            }
        }
    }

    private static List<Double> randomValues(Random random, int n) {
        double scale = Math.pow(10, random.nextInt(5));
        double offset = random.nextDouble() * scale * 10;
        List<Double> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(offset + scale * Math.abs(random.nextGaussian()));
        }
        return values;
    }

    /** Splits into {@code parts} contiguous slices of random sizes, some possibly empty. */
    private static List<List<Double>> randomPartition(Random random, List<Double> values, int parts) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i < parts - 1; i++) {
            cuts.add(random.nextInt(values.size() + 1));
        }
        Collections.sort(cuts);
        List<List<Double>> partition = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            partition.add(values.subList(from, cut));
            from = cut;
        }
        partition.add(values.subList(from, values.size()));
        return partition;
    }
}
