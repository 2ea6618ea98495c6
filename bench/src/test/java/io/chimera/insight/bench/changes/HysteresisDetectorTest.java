package io.chimera.insight.bench.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.platform.change.ChangeDetector;
import io.chimera.insight.platform.change.ChangePoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hysteresis with scripted detectors: which changes the publish-alpha and keep-alpha detectors
 * show after each run is fixed by the test (a positive index is a step up, a negative one a step
 * down at its absolute value).
 */
class HysteresisDetectorTest {

    private final List<Integer> keepLengths = new ArrayList<>();

    @Test
    void aPublishedChangeThatFlickersAtThePublishAlphaIsKeptWhileTheKeepAlphaShowsIt() {
        // after runs 1..7 the publish alpha shows 3 at runs 4, 5 and 7 (p hovers around it); the keep alpha always
        int[][] publish = {{}, {}, {}, {3}, {3}, {}, {3}};
        int[][] keep = {{}, {}, {}, {3}, {3}, {3}, {3}};

        PrefixReplay hysteresis = new PrefixReplay(() -> HysteresisDetector.newSeries(
                scripted(publish, null), scripted(keep, keepLengths), 500));

        assertThat(hysteresis.alarms(new double[7])).isEqualTo(new PrefixReplay.Alarms(1, 1));
        assertThat(new PrefixReplay(scripted(publish, null), 500).alarms(new double[7]))
                .as("without hysteresis, 3 is reported, gone, reported again")
                .isEqualTo(new PrefixReplay.Alarms(2, 1));
        assertThat(keepLengths).as("the keep alpha is searched only when the publish alpha lost a change")
                .containsExactly(6);
    }

    @Test
    void aChangeTheKeepAlphaNoLongerShowsIsRetractedAndPublishedAgainWhenItReturns() {
        int[][] publish = {{}, {}, {}, {3}, {}, {3}};
        int[][] keep = {{}, {}, {}, {3}, {}, {3}};
        HysteresisDetector detector = HysteresisDetector.newSeries(scripted(publish, null), scripted(keep, null), 500);
        double[] series = new double[6];

        assertThat(detector.changesAt(series, 4)).containsExactly(3);
        assertThat(detector.changesAt(series, 5)).isEmpty();
        assertThat(detector.changesAt(series, 6)).containsExactly(3);
    }

    @Test
    void aNewChangeNeedsThePublishAlpha() {
        int[][] publish = {{}, {}, {}, {}, {}, {5}};
        int[][] keep = {{}, {}, {}, {}, {5}, {5}};
        HysteresisDetector detector = HysteresisDetector.newSeries(scripted(publish, null), scripted(keep, null), 500);
        double[] series = new double[6];

        assertThat(detector.changesAt(series, 5)).as("shown at the keep alpha only").isEmpty();
        assertThat(detector.changesAt(series, 6)).containsExactly(5);
    }

    @Test
    void theSameChangeKeepsItsPublishedIndexAndTheOtherDirectionIsANewOne() {
        // 10 up, then seen at 12 up (the same change, moved by 2), then at 13 up (3 runs: a new one)
        // and at 9 down (the other direction: a new one, though within 2 runs)
        int[][] publish = {{10}, {12}, {13, -9}};
        HysteresisDetector detector = HysteresisDetector.newSeries(
                scripted(publish, null, 20), scripted(new int[][] {{}, {}, {}}, null, 20), 500);
        double[] series = new double[23];

        assertThat(detector.changesAt(series, 21)).containsExactly(10);
        assertThat(detector.changesAt(series, 22)).containsExactly(10);
        assertThat(detector.changesAt(series, 23)).containsExactlyInAnyOrder(13, 9);
        assertThat(new PrefixReplay(() -> HysteresisDetector.newSeries(scripted(publish, null, 20),
                scripted(new int[][] {{}, {}, {}}, null, 20), 500)).alarms(series))
                .as("10 published, kept at 12, retracted when 13 and the step down at 9 are new")
                .isEqualTo(new PrefixReplay.Alarms(3, 3));
    }

    @Test
    void lengthsMustNotGoBack() {
        HysteresisDetector detector = HysteresisDetector.newSeries(values -> List.of(), values -> List.of(), 500);
        detector.changesAt(new double[5], 5);
        assertThatThrownBy(() -> detector.changesAt(new double[5], 4)).isInstanceOf(IllegalStateException.class);
    }

    private static ChangeDetector scripted(int[][] indicesAfter, List<Integer> lengths) {
        return scripted(indicesAfter, lengths, 0);
    }

    /** Reports {@code indicesAfter[length - 1 - skipped]} (none before {@code skipped} runs). */
    private static ChangeDetector scripted(int[][] indicesAfter, List<Integer> lengths, int skipped) {
        return values -> {
            if (lengths != null) {
                lengths.add(values.length);
            }
            List<ChangePoint> points = new ArrayList<>();
            if (values.length > skipped) {
                for (int signed : indicesAfter[values.length - 1 - skipped]) {
                    points.add(point(Math.abs(signed), signed > 0));
                }
            }
            return points;
        };
    }

    private static ChangePoint point(int index, boolean up) {
        ChangePoint.Segment before = new ChangePoint.Segment(0, index, index, 1, 1, 1);
        ChangePoint.Segment after = new ChangePoint.Segment(index, index + 1, 1, up ? 2 : 0.5, 1, 1);
        return new ChangePoint(index, before, after, up ? 1 : -0.5, 1e-6, "scripted");
    }
}
