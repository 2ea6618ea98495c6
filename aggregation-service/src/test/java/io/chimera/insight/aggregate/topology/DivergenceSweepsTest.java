package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.platform.change.ChangeDetector;
import io.chimera.insight.platform.change.ChangeSettings;
import io.chimera.insight.platform.change.EDivisiveMeans;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The evaluations' memory of each series' divergence search: the answers are a fresh detector's
 * whatever it holds, and it holds no more than its budget, the least recently used series going first.
 */
class DivergenceSweepsTest {

    private static final EDivisiveMeans DETECTOR = EDivisiveMeans.withDefaults();
    private static final int MIN_SEGMENT = DETECTOR.settings().minSegment();

    @Test
    void seriesEvaluatedInTurnAsTheyGrowGetAFreshDetectorsChanges() {
        Random random = new Random(3);
        DivergenceSweeps sweeps = new DivergenceSweeps(DivergenceSweeps.BUDGET_VALUES);
        double[][] series = {steps(random, 90, 45), steps(random, 90, 70), steps(random, 90, 200)};
        int changes = 0;
        for (int n = 4; n <= 90; n += 1 + random.nextInt(4)) {
            for (int s = 0; s < series.length; s++) {
                double[] grown = Arrays.copyOf(series[s], n);
                var detected = sweeps.detect(id(s), DETECTOR, MIN_SEGMENT, grown);
                assertThat(detected).isEqualTo(DETECTOR.detect(grown));
                changes += detected.size();
            }
        }
        assertThat(changes).isPositive();
    }

    @Test
    void holdsNoMoreThanItsBudgetAndDropsTheLeastRecentlyUsedFirst() {
        Random random = new Random(4);
        DivergenceSweeps sweeps = new DivergenceSweeps(100);
        sweeps.detect(id(0), DETECTOR, MIN_SEGMENT, steps(random, 40, 200));
        sweeps.detect(id(1), DETECTOR, MIN_SEGMENT, steps(random, 40, 200));
        assertThat(sweeps.size()).isEqualTo(80);
        sweeps.detect(id(0), DETECTOR, MIN_SEGMENT, steps(random, 30, 200));
        // Series 1 is the least recently used now: a third series of 40 takes its place.
        sweeps.detect(id(2), DETECTOR, MIN_SEGMENT, steps(random, 40, 200));
        assertThat(sweeps.size()).isEqualTo(70);
        assertThat(sweeps.holds(id(0))).isTrue();
        assertThat(sweeps.holds(id(1))).isFalse();
        assertThat(sweeps.holds(id(2))).isTrue();

        sweeps.forget(id(0));
        assertThat(sweeps.size()).isEqualTo(40);
        assertThat(sweeps.holds(id(0))).isFalse();
    }

    @Test
    void aDetectorOfAnotherMinimumSegmentGetsASweepOfItsOwn() {
        Random random = new Random(6);
        DivergenceSweeps sweeps = new DivergenceSweeps(DivergenceSweeps.BUDGET_VALUES);
        double[] values = steps(random, 40, 20);
        sweeps.detect(id(0), DETECTOR, MIN_SEGMENT, values);
        ChangeDetector wider = new EDivisiveMeans(new ChangeSettings(0.05, 1e-4, 5));
        assertThat(sweeps.detect(id(0), wider, 5, values)).isEqualTo(wider.detect(values));
        assertThat(sweeps.size()).isEqualTo(40);
    }

    private static SeriesId id(int series) {
        return new SeriesId("model", "config-" + series, "tokens_per_s");
    }

    /** Noisy values around 100 with a 15 % step at {@code at} (none when past the end). */
    private static double[] steps(Random random, int n, int at) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = (i >= at ? 85 : 100) * (1 + 0.02 * random.nextGaussian());
        }
        return z;
    }
}
