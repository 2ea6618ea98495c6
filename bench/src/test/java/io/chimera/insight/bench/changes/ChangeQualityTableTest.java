package io.chimera.insight.bench.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.platform.change.ChangeSettings;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeQualityTableTest {

    private final ChangeQualityOptions options = new ChangeQualityOptions(ChangeSettings.DEFAULTS,
            List.of(0.05), List.of(0.20), 100, 100, 20, 5, 10, 100, 500, 1);

    @Test
    void aFourSigmaStepPassesWith95PercentFoundWithinFiveRuns() {
        ChangeQualityTable table = new ChangeQualityTable(options);
        String md = table.steps(List.of(new ChangeQualityProbe.StepCell(0.05, 0.20, delays(95, 5, 5, 6), 97)));

        assertThat(md).contains("| 5 % | 20 % | 4.0 | 95 % | 100 % | 100 % | 97 % | 5 | 5 | ≥ 95 % within 5 runs | pass |");
        assertThat(table.misses()).isZero();
    }

    @Test
    void aFourSigmaStepMissesWith94PercentAndTheP95ShowsStepsNeverFound() {
        ChangeQualityTable table = new ChangeQualityTable(options);
        String md = table.steps(List.of(new ChangeQualityProbe.StepCell(0.05, 0.20, delays(94, 3, 4, -1), 94)));

        assertThat(md).contains("| 94 % | 94 % | 94 % | 94 % | 4 | > 20 | ≥ 95 % within 5 runs | **miss** |");
        assertThat(table.misses()).isEqualTo(1);
    }

    @Test
    void twoSigmaStepsAreJudgedAtTenRunsAndStepsBelowTheMinimumEffectNotAtAll() {
        ChangeQualityTable table = new ChangeQualityTable(options);
        String md = table.steps(List.of(
                new ChangeQualityProbe.StepCell(0.05, 0.10, delays(96, 9, 9, -1), 96),
                new ChangeQualityProbe.StepCell(0.01, 0.04, delays(60, 1, 1, -1), 3)));

        assertThat(md).contains("| 2.0 | 0 % | 96 % | 96 % | 96 % | 9 | 9 | ≥ 95 % within 10 runs | pass |");
        // a step below the minimum effect found early and dropped later: 60 % found, 3 % still reported at the end
        assertThat(md).contains("| 1 % | 4 % | 4.0 | 60 % | 60 % | 60 % | 3 % |").contains("none: below the minimum effect | — |");
        assertThat(table.misses()).isZero();
    }

    @Test
    void falseAlarmsAreJudgedPerThousandRuns() {
        ChangeQualityTable table = new ChangeQualityTable(options);
        String md = table.stationary(List.of(new ChangeQualityProbe.StationaryCell(0.05, 10_000, 10, 7),
                new ChangeQualityProbe.StationaryCell(0.10, 10_000, 11, 9)));

        assertThat(md).contains("| 5 % | 10,000 | 10 | 1.00 | 7 | 0.70 | ≤ 1 (false alarms) | pass |");
        assertThat(md).contains("| 10 % | 10,000 | 11 | 1.10 | 9 | 0.90 | ≤ 1 (false alarms) | **miss** |");
        assertThat(table.misses()).isEqualTo(1);
    }

    /** 100 delays: {@code found} of them {@code early} or {@code late} (first half early), the rest {@code rest}. */
    private static int[] delays(int found, int early, int late, int rest) {
        int[] delays = new int[100];
        Arrays.fill(delays, rest);
        for (int i = 0; i < found; i++) {
            delays[i] = i < found / 2 ? early : late;
        }
        return delays;
    }
}
