package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.events.ChangeDirection;
import java.util.Objects;

/**
 * A change the aggregation has published for a series, as it was when published: what a later
 * evaluation matches new detections against (so a change is published once), what a retraction
 * repeats, and what queries list.
 *
 * @param firstRunId     the first run after the change: the change's identity
 * @param firstRunAt     that run's time in the series (see {@link SeriesPoint#time()})
 * @param firstRunSeq    its row order in its file, with the time and file id its place in the series
 * @param beforeFromAt   the time of the first run of the segment before the change
 * @param changeFraction after mean / before mean - 1
 * @param detectedAt     wall clock of the evaluation that published it
 */
public record EmittedChange(String firstRunId, String firstRunFileId, String firstRunPath, long firstRunAt,
                            long firstRunSeq, ChangeDirection direction, long beforeFromAt, ChangeSegmentStats before,
                            ChangeSegmentStats after, double changeFraction, double pValue, String test,
                            long detectedAt) {

    public EmittedChange {
        Objects.requireNonNull(firstRunId, "firstRunId");
        Objects.requireNonNull(firstRunFileId, "firstRunFileId");
        Objects.requireNonNull(firstRunPath, "firstRunPath");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(test, "test");
    }

    /** A point standing where the first run after the change stood, to find that place again once the run is gone. */
    SeriesPoint probe() {
        return new SeriesPoint(firstRunId, firstRunFileId, "", firstRunPath, firstRunSeq, Double.NaN, firstRunAt,
                SeriesPoint.UNKNOWN, firstRunAt);
    }
}
