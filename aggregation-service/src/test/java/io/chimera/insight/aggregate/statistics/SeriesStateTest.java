package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ChangeDirection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An evaluation that leaves a series as it was gives the very same state (the tracker then compares
 * one reference, and writes nothing), and any evaluation that changes something gives the state it
 * always gave.
 */
class SeriesStateTest {

    private static final EmittedChange A = change("r10", 1_000);
    private static final EmittedChange B = change("r20", 2_000);

    @Test
    void anEvaluationThatChangesNothingGivesTheVeryState() {
        SeriesState state = new SeriesState(new TreeMap<>(Map.of("gpu", "h100")), 5, List.of(A, B),
                List.of(new RetractedChange(change("r5", 500), 7), new RetractedChange(change("r6", 600), 9)));
        assertThat(state.evaluated(5, List.of(A, B), List.of(), 99)).isSameAs(state);
        SeriesState first = SeriesState.first(Map.of("gpu", "h100"));
        assertThat(first.evaluated(SeriesPoint.UNKNOWN, List.of(), List.of(), 99)).isSameAs(first);
    }

    @Test
    void anyChangeGivesANewStateAsBefore() {
        SeriesState state = new SeriesState(new TreeMap<>(Map.of("gpu", "h100")), 5, List.of(A), List.of());
        assertThat(state.evaluated(6, List.of(A), List.of(), 99))
                .isEqualTo(new SeriesState(new TreeMap<>(Map.of("gpu", "h100")), 6, List.of(A), List.of()));
        assertThat(state.evaluated(5, List.of(A, B), List.of(), 99))
                .isEqualTo(new SeriesState(new TreeMap<>(Map.of("gpu", "h100")), 5, List.of(A, B), List.of()));
        assertThat(state.evaluated(5, List.of(), List.of(A), 99))
                .isEqualTo(new SeriesState(new TreeMap<>(Map.of("gpu", "h100")), 5, List.of(), List.of(new RetractedChange(A, 99))));
        // An equal change, not the same one: compared by value, as before.
        assertThat(state.evaluated(5, List.of(change("r10", 1_000)), List.of(), 99)).isEqualTo(state).isNotSameAs(state);
    }

    @Test
    void aRetractedChangeFoundAgainLeavesTheRetractionsEvenWhenNothingElseChanged() {
        SeriesState state = new SeriesState(new TreeMap<>(), 5, List.of(A), List.of(new RetractedChange(A, 7)));
        assertThat(state.evaluated(5, List.of(A), List.of(), 99))
                .isEqualTo(new SeriesState(new TreeMap<>(), 5, List.of(A), List.of()));
    }

    private static EmittedChange change(String firstRunId, long at) {
        ChangeSegmentStats stats = new ChangeSegmentStats(10, 100, 99, 101);
        return new EmittedChange(firstRunId, "f", "p", at, 1, ChangeDirection.REGRESSION, at - 100, stats, stats, -0.1,
                0.001, "Student t", at + 5);
    }
}
