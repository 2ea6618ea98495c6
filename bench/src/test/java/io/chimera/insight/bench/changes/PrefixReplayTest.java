package io.chimera.insight.bench.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.platform.change.ChangeDetector;
import io.chimera.insight.platform.change.ChangePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The replay's bookkeeping, with a scripted detector: which changes it reports after each run is fixed by the test. */
class PrefixReplayTest {

    private final List<Integer> lengthsSeen = new ArrayList<>();

    @Test
    void delayIsTheRunsAfterTheStepUntilAChangeNearItIsReported() {
        // reports a change at 12 once it sees 14 runs; the step is at 10
        ChangeDetector detector = scripted(length -> length >= 14 ? new int[] {12} : new int[0]);
        PrefixReplay replay = new PrefixReplay(detector, 500);

        assertThat(replay.delay(new double[30], 10, 2, 20)).isEqualTo(4);
        assertThat(lengthsSeen).containsExactly(11, 12, 13, 14);
        assertThat(replay.delay(new double[30], 10, 1, 20)).as("12 is 2 runs from the step").isEqualTo(-1);
        assertThat(replay.delay(new double[30], 10, 2, 3)).as("found after 4 runs, 3 allowed").isEqualTo(-1);
    }

    @Test
    void aStepFoundEarlyCanBeNoLongerReportedAtTheEnd() {
        // reports a change at 11 after 13 to 15 runs, none after: found, then dropped
        ChangeDetector detector = scripted(length -> length >= 13 && length <= 15 ? new int[] {11} : new int[0]);
        PrefixReplay replay = new PrefixReplay(detector, 500);

        assertThat(replay.delay(new double[30], 10, 2, 20)).isEqualTo(3);
        assertThat(replay.reportedAfter(new double[30], 10, 2, 5)).isTrue();
        assertThat(replay.reportedAfter(new double[30], 10, 2, 20)).isFalse();
        assertThat(replay.reportedAfter(new double[30], 10, 0, 5)).as("11 is 1 run from the step").isFalse();
    }

    @Test
    void alarmsCountEachAppearanceAndEachDistinctIndex() {
        // after runs 1..8: {}, {}, {}, {3}, {3}, {}, {3}, {3, 5}
        int[][] script = {{}, {}, {}, {3}, {3}, {}, {3}, {3, 5}};
        PrefixReplay replay = new PrefixReplay(scripted(length -> script[length - 1]), 500);

        PrefixReplay.Alarms alarms = replay.alarms(new double[8]);

        assertThat(alarms.appearances()).as("3 appears, vanishes, appears again; 5 appears").isEqualTo(3);
        assertThat(alarms.distinct()).isEqualTo(2);
    }

    @Test
    void theDetectorSeesTheLastWindowRunsAndIndicesStayTheSeries() {
        double[] series = new double[12];
        for (int i = 0; i < series.length; i++) {
            series[i] = i;
        }
        List<double[]> inputs = new ArrayList<>();
        ChangeDetector detector = values -> {
            inputs.add(values);
            return List.of(point(1));
        };

        assertThat(new PrefixReplay(detector, 5).changesAt(series, 9)).containsExactly(5);
        assertThat(inputs.get(0)).containsExactly(4, 5, 6, 7, 8);
    }

    private ChangeDetector scripted(IntFunction<int[]> indicesAfter) {
        return values -> {
            lengthsSeen.add(values.length);
            List<ChangePoint> points = new ArrayList<>();
            for (int index : indicesAfter.apply(values.length)) {
                points.add(point(index));
            }
            return points;
        };
    }

    private static ChangePoint point(int index) {
        ChangePoint.Segment segment = new ChangePoint.Segment(0, index, index, 1, 1, 1);
        return new ChangePoint(index, segment, segment, 0.1, 1e-6, "scripted");
    }
}
