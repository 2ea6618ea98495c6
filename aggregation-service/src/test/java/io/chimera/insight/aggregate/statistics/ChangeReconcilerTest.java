package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.platform.change.ChangePoint;
import io.chimera.insight.platform.metrics.Better;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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

    @Test
    void aPublishedChangeWhosePDriftsAboveAlphaIsKeptWhileTheKeepSearchShowsIt() {
        EmittedChange published = ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN), List.of(at(15, 100, 80)),
                List.of(), Better.HIGHER, NOW).published().get(0);

        // gone at the publish alpha, shown a run away at the keep alpha: neither retracted nor published again
        ChangeReconciler.Outcome drifted = ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN), List.of(),
                () -> List.of(at(16, 100, 80)), List.of(published), Better.HIGHER, NOW + 1);
        assertThat(drifted.retracted()).isEmpty();
        assertThat(drifted.published()).isEmpty();
        assertThat(drifted.kept()).containsExactly(published);

        // back at the publish alpha: still the same change, nothing published
        ChangeReconciler.Outcome back = ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN),
                List.of(at(15, 100, 80)), () -> List.of(at(15, 100, 80)), drifted.kept(), Better.HIGHER, NOW + 2);
        assertThat(back.published()).isEmpty();
        assertThat(back.retracted()).isEmpty();

        // gone at the keep alpha too, or shown there in the other direction: retracted
        assertThat(ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN), List.of(), List::of, List.of(published),
                Better.HIGHER, NOW + 3).retracted()).containsExactly(published);
        assertThat(ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN), List.of(),
                () -> List.of(at(15, 80, 100)), List.of(published), Better.HIGHER, NOW + 3).retracted())
                .containsExactly(published);
    }

    @Test
    void aNewChangeNeedsThePublishAlpha() {
        ChangeReconciler.Outcome outcome = ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN), List.of(),
                () -> List.of(at(15, 100, 80)), List.of(), Better.HIGHER, NOW);

        assertThat(outcome.published()).isEmpty();
        assertThat(outcome.kept()).isEmpty();
    }

    @Test
    void theKeepSearchRunsOnlyWhenAPublishedChangeWentUnmatched() {
        EmittedChange published = ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN), List.of(at(15, 100, 80)),
                List.of(), Better.HIGHER, NOW).published().get(0);
        List<String> asked = new ArrayList<>();
        Supplier<List<ChangePoint>> keep = () -> {
            asked.add("keep");
            return List.of(at(15, 100, 80));
        };

        ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN), List.of(at(15, 100, 80)), keep, List.of(published),
                Better.HIGHER, NOW + 1);
        assertThat(asked).as("matched at the publish alpha").isEmpty();
        ChangeReconciler.reconcile(history(0L), List.of(), keep, List.of(published), Better.HIGHER, NOW + 1);
        assertThat(asked).as("final: the bound dropped its earlier runs").isEmpty();
        ChangeReconciler.reconcile(history(SeriesPoint.UNKNOWN), List.of(), keep, List.of(published), Better.HIGHER,
                NOW + 1);
        assertThat(asked).hasSize(1);
    }
}
