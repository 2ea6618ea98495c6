package io.chimera.insight.platform.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A sweep kept between evaluations gives, at every evaluation, exactly what a fresh search of that
 * series gives ({@link EnergyDivergence#best} and {@link EDivisiveMeans#detect(double[])}): as the series
 * grows run by run or several at a time, and when what it already held changes (a run placed before
 * others, the oldest dropped by the bound, a value replaced), where it must start over.
 */
class DivergenceSweepTest {

    private static final EDivisiveMeans DETECTOR = EDivisiveMeans.withDefaults();

    @Test
    void aSeriesGrownRunByRunGetsTheSplitAndChangesOfAFreshSearchEachTime() {
        Random random = new Random(5);
        double[] z = series(random, 120, 60, 0.12);
        DivergenceSweep sweep = new DivergenceSweep(DETECTOR.settings().minSegment());
        for (int n = 0; n <= z.length; n += 1 + random.nextInt(3)) {
            double[] grown = Arrays.copyOf(z, n);
            assertSameSplit(sweep.best(grown), EnergyDivergence.best(grown, 0, n, DETECTOR.settings().minSegment()));
            assertThat(DETECTOR.detect(grown, sweep)).isEqualTo(DETECTOR.detect(grown));
        }
        assertThat(DETECTOR.detect(z, sweep)).isNotEmpty();
    }

    @Test
    void startsOverWhenWhatItSweptChanged() {
        Random random = new Random(8);
        double[] z = series(random, 80, 40, 0.10);
        int minSegment = DETECTOR.settings().minSegment();
        DivergenceSweep sweep = new DivergenceSweep(minSegment);
        sweep.best(Arrays.copyOf(z, 60));

        // A run placed before the others: the series is one longer, but its prefix moved.
        double[] inserted = new double[61];
        inserted[0] = z[0] * 0.8;
        System.arraycopy(z, 0, inserted, 1, 60);
        assertSameSplit(sweep.best(inserted), EnergyDivergence.best(inserted, 0, inserted.length, minSegment));

        // The bound dropped the oldest: shorter at the front.
        double[] trimmed = Arrays.copyOfRange(z, 5, 70);
        assertSameSplit(sweep.best(trimmed), EnergyDivergence.best(trimmed, 0, trimmed.length, minSegment));

        // One value changed in the middle (a run now found cold leaves, another takes its place).
        double[] changed = trimmed.clone();
        changed[30] = changed[30] * 1.3;
        assertSameSplit(sweep.best(changed), EnergyDivergence.best(changed, 0, changed.length, minSegment));

        // A shorter series than the one swept.
        double[] shorter = Arrays.copyOf(changed, 20);
        assertSameSplit(sweep.best(shorter), EnergyDivergence.best(shorter, 0, shorter.length, minSegment));
        assertThat(sweep.best(new double[0])).isNull();
    }

    @Test
    void aDetectorOfAnotherMinimumSegmentRefusesTheSweep() {
        DivergenceSweep sweep = new DivergenceSweep(4);
        assertThatThrownBy(() -> DETECTOR.detect(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, sweep))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DivergenceSweep(1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSameSplit(EnergyDivergence.Split resumed, EnergyDivergence.Split fresh) {
        // Records of doubles compare their bits: the same arithmetic in the same order, not merely close.
        assertThat(resumed).isEqualTo(fresh);
    }

    /** Noisy values around 100, stepping by {@code step} at {@code at}. */
    private static double[] series(Random random, int n, int at, double step) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = 100 * (i >= at ? 1 - step : 1) * (1 + 0.02 * random.nextGaussian());
        }
        return z;
    }
}
