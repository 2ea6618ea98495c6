package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A running model's weight, which the cache of running aggregates budgets with, follows the room
 * its sketches take: their bins, not a fixed size per sketch.
 */
class RunningModelWeightTest {

    @Test
    void valuesSpreadOverMoreBinsWeighMoreThanTheSameNumberOfCloseOnes() {
        RunningModel close = model(100.0, 100.5, 101.0, 101.5);
        RunningModel spread = model(1.0, 30.0, 900.0, 27_000.0);

        // 1 % accuracy, bins of ratio 1.0202: the close values share one array of 64 bins; 1 to 27,000 spans
        // ln(27,000) / ln(1.0202) = 510 bins, an array of 512. The model holds the metric's sketch once: its
        // configuration, with four runs, holds the four values themselves (ConfigAggregate.valuesFirst).
        assertThat(spread.weight() - close.weight()).isEqualTo((512 - 64) * Double.BYTES);
    }

    @Test
    void aConfigurationPastItsFirstValuesWeighsItsSketchToo() {
        RunningModel close = model(100.0, 100.5, 101.0, 101.5, 102.0, 102.5, 103.0, 103.5, 104.0);
        RunningModel spread = model(1.0, 3.0, 30.0, 90.0, 300.0, 900.0, 3_000.0, 9_000.0, 27_000.0);

        // Nine values, one more than a configuration keeps as they are: its sketch is made, and weighs as the
        // model's does (the same bins, as above), so the spread model holds the larger array twice.
        assertThat(StatsAccumulator.VALUES_BEFORE_SKETCH).isEqualTo(8);
        assertThat(spread.weight() - close.weight()).isEqualTo(2 * (512 - 64) * Double.BYTES);
    }

    @Test
    void aSketchWeighsItsGrownArrayOfBins() {
        StatsAccumulator empty = StatsAccumulator.empty("ms");
        StatsAccumulator one = StatsAccumulator.empty("ms").add(100.0);
        StatsAccumulator twoOrders = StatsAccumulator.empty("ms").add(10.0).add(1_000.0);

        // One value: an array of 64 bins. 10 to 1,000 at 1 %: ln(100) / ln(1.02) = 233 bins, in an array of 256.
        assertThat(one.footprintBytes() - empty.footprintBytes()).isEqualTo(64 * Double.BYTES);
        assertThat(twoOrders.footprintBytes() - empty.footprintBytes()).isEqualTo(256 * Double.BYTES);
    }

    @Test
    void momentsOfOnePartWeighLessThanSummedOnes() {
        // The same four values of one configuration, from one file or from two. From one, the configuration's and
        // the model's moments of the metric are one part each, held as they are; from two, each is two sums with
        // their digits. The second file adds its path to the configuration's set and the model's too.
        RunningModel oneFile = model(100.0, 100.5, 101.0, 101.5);
        RunningModel twoFiles = RunningModel.empty();
        TestFile first = TestFile.of("a.csv", "v1", Instant.EPOCH);
        TestFile second = TestFile.of("b.csv", "v1", Instant.EPOCH);
        ConfigAggregate entryA = ConfigAggregate.empty(Map.of());
        ConfigAggregate entryB = ConfigAggregate.empty(Map.of());
        double[] values = {100.0, 100.5, 101.0, 101.5};
        for (int i = 0; i < values.length; i++) {
            TestFile file = i % 2 == 0 ? first : second;
            BenchmarkRun run = file.run("m", i, Map.of(), Map.of("ttft_ms", values[i]));
            twoFiles.addToEntry(new EntryKey(file.fileId(), ""), file.path(), run, i % 2 == 0 ? entryA : entryB);
        }

        assertThat(twoFiles.weight() - oneFile.weight())
                .isEqualTo(2 * (ExactMoments.SUMMED_BYTES - ExactMoments.ONE_PART_BYTES) + 56 + 168);
    }

    @Test
    void exactMomentsWeighByTheirNumberOfParts() {
        ExactMoments moments = new ExactMoments();
        assertThat(moments.footprintBytes()).isEqualTo(ExactMoments.ONE_PART_BYTES);
        moments.add(2, 10.0, 1.0);
        assertThat(moments.footprintBytes()).isEqualTo(ExactMoments.ONE_PART_BYTES);
        moments.add(3, 20.0, 2.0);
        assertThat(moments.footprintBytes()).isEqualTo(ExactMoments.SUMMED_BYTES);
        moments.remove(3, 20.0, 2.0);
        assertThat(moments.footprintBytes()).isEqualTo(ExactMoments.ONE_PART_BYTES);
    }

    /** One file, one configuration, one metric: a run per value (as TTFTs in ms). */
    private static RunningModel model(double... values) {
        TestFile file = TestFile.of("f.csv", "v1", Instant.EPOCH);
        ConfigAggregate entry = ConfigAggregate.empty(Map.of());
        RunningModel model = RunningModel.empty();
        for (int i = 0; i < values.length; i++) {
            BenchmarkRun run = file.run("m", i, Map.of(), Map.of("ttft_ms", values[i]));
            model.addToEntry(new EntryKey(file.fileId(), ""), file.path(), run, entry);
        }
        return model;
    }
}
