package io.chimera.insight.bench.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.platform.change.ChangeDetector;
import io.chimera.insight.platform.change.ChangePoint;
import io.chimera.insight.platform.change.ChangeSettings;
import io.chimera.insight.platform.change.EDivisiveMeans;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Persistence over the real detector (at alpha 3e-5, the default when persistence was measured; the
 * series below are chosen for it). The 40 stationary runs are EDivisiveMeansTest's
 * (numpy {@code default_rng(7)}, CV 2 %, rounded to 0.1).
 */
class PersistentDetectorTest {

    private static final double[] STATIONARY = {98.0, 98.4, 102.1, 98.4, 99.9, 101.8, 98.8, 99.8, 100.2, 100.1, 97.5,
        100.2, 102.7, 96.9, 101.7, 100.2, 98.7, 104.0, 101.5, 97.6, 100.1, 101.2, 99.6, 101.4, 99.9, 101.3, 102.9, 98.6,
        100.4, 99.1, 100.3, 97.6, 98.8, 99.6, 101.8, 102.3, 97.4, 98.4, 101.3, 96.0};

    private final ChangeDetector detector = new EDivisiveMeans(new ChangeSettings(0.05, 0.00003, 3));
    private final ChangeDetector persistent = PersistentDetector.of(detector, 1);

    @Test
    void reportsAChangeOnlyOnceItHasSurvivedOneMoreRun() {
        // three runs at +8 %: the detector alone reports a change at 40, but without the newest run
        // only two runs follow 40 (minSegment 3) and it shows none
        double[] threeRuns = append(STATIONARY, 108.0, 109.1, 107.6);
        assertThat(detector.detect(threeRuns)).extracting(ChangePoint::index).containsExactly(40);
        assertThat(persistent.detect(threeRuns)).isEmpty();

        // one run later the step has survived a run: reported at its first run, as the detector reports it
        double[] fourRuns = append(threeRuns, 108.4);
        assertThat(persistent.detect(fourRuns)).extracting(ChangePoint::index).containsExactly(40);
        assertThat(persistent.detect(fourRuns)).isEqualTo(detector.detect(fourRuns));
    }

    @Test
    void neverReportsAnExcursionThatTheNextRunUndoes() {
        // three runs at +7 %, then one back at the level: the detector alone reports a change after
        // the third run and none after the fourth; with persistence neither is reported
        double[] excursion = append(STATIONARY, 106.5, 107.2, 106.8);
        double[] undone = append(excursion, 99.1);
        assertThat(detector.detect(excursion)).extracting(ChangePoint::index).containsExactly(40);
        assertThat(detector.detect(undone)).isEmpty();

        assertThat(persistent.detect(excursion)).isEmpty();
        assertThat(persistent.detect(undone)).isEmpty();
    }

    @Test
    void noPersistenceIsTheDetectorItself() {
        assertThat(PersistentDetector.of(detector, 0)).isSameAs(detector);
        assertThatThrownBy(() -> PersistentDetector.of(detector, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double[] append(double[] values, double... more) {
        double[] all = Arrays.copyOf(values, values.length + more.length);
        System.arraycopy(more, 0, all, values.length, more.length);
        return all;
    }
}
