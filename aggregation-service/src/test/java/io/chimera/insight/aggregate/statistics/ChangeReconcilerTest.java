package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.platform.change.ChangePoint;
import io.chimera.insight.platform.metrics.Better;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one evaluation publishes, retracts and keeps, against hand-made detections. */
class ChangeReconcilerTest {

    private static final long NOW = 1_000_000L;

    /** 30 points of one file, a minute apart, values 100 then 80 from index 15. */
    private static SeriesHistory history(long trimmedThrough) {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            points.add(new SeriesPoint("f#row " + i, "f", "sha", "results/f.csv", i, i < 15 ? 100 : 80,
                    60_000L * i, SeriesPoint.UNKNOWN, 0));
        }
        return new SeriesHistory(points, trimmedThrough);
    }

    private static ChangePoint at(int index, double before, double after) {
        return new ChangePoint(index, new ChangePoint.Segment(0, index, index, before, before - 1, before + 1),
                new ChangePoint.Segment(index, 30, 30 - index, after, after - 1, after + 1), after / before - 1, 1e-9,
                "Welch t");
    }

    @Test
    void aNewDetectionIsPublishedWithItsFirstRunAndDirection() {
        ChangeReconciler.Outcome outcome = ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN),
                List.of(at(15, 100, 80)), List.of(), Better.HIGHER, NOW);

        assertThat(outcome.retracted()).isEmpty();
        assertThat(outcome.published()).singleElement().satisfies(change -> {
            assertThat(change.firstRunId()).isEqualTo("f#row 15");
            assertThat(change.firstRunAt()).isEqualTo(60_000L * 15);
            assertThat(change.beforeFromAt()).isZero();
            assertThat(change.direction()).isEqualTo(ChangeDirection.REGRESSION);
            assertThat(change.detectedAt()).isEqualTo(NOW);
        });
        assertThat(outcome.kept()).isEqualTo(outcome.published());
    }

    @Test
    void aDetectionThatMovedByTwoRunsIsTheSameChangeAndByThreeANewOne() {
        EmittedChange published = ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN), List.of(at(15, 100, 80)),
                List.of(), Better.HIGHER, NOW).published().get(0);

        ChangeReconciler.Outcome moved = ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN),
                List.of(at(17, 100, 80)), List.of(published), Better.HIGHER, NOW + 1);
        assertThat(moved.published()).isEmpty();
        assertThat(moved.retracted()).isEmpty();
        assertThat(moved.kept()).containsExactly(published);

        ChangeReconciler.Outcome farther = ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN),
                List.of(at(18, 100, 80)), List.of(published), Better.HIGHER, NOW + 1);
        assertThat(farther.published()).extracting(EmittedChange::firstRunId).containsExactly("f#row 18");
        assertThat(farther.retracted()).containsExactly(published);
    }

    @Test
    void aDetectionOfTheOtherDirectionIsNotTheSameChange() {
        EmittedChange published = ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN), List.of(at(15, 100, 80)),
                List.of(), Better.HIGHER, NOW).published().get(0);

        ChangeReconciler.Outcome outcome = ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN),
                List.of(at(15, 80, 100)), List.of(published), Better.HIGHER, NOW + 1);

        assertThat(outcome.published()).singleElement()
                .satisfies(change -> assertThat(change.direction()).isEqualTo(ChangeDirection.IMPROVEMENT));
        assertThat(outcome.retracted()).containsExactly(published);
    }

    @Test
    void aChangeNoLongerFoundIsRetractedUnlessTheBoundDroppedItsEarlierRuns() {
        EmittedChange published = ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN), List.of(at(15, 100, 80)),
                List.of(), Better.HIGHER, NOW).published().get(0);

        assertThat(ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN), List.of(), List.of(published), Better.HIGHER,
                NOW + 1).retracted()).containsExactly(published);

        ChangeReconciler.Outcome aged = ChangeReconciler.reconcile(history(0L), List.of(), List.of(published), Better.HIGHER,
                NOW + 1);
        assertThat(aged.retracted()).isEmpty();
        assertThat(aged.kept()).containsExactly(published);
    }

    @Test
    void lowerIsBetterTurnsARiseIntoARegression() {
        ChangeReconciler.Outcome outcome = ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN),
                List.of(at(15, 50, 100)), List.of(), Better.LOWER, NOW);

        assertThat(outcome.published()).singleElement()
                .satisfies(change -> assertThat(change.direction()).isEqualTo(ChangeDirection.REGRESSION));
    }
}
