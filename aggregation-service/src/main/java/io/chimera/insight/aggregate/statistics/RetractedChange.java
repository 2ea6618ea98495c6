package io.chimera.insight.aggregate.statistics;

import java.util.Objects;

/**
 * A published change the aggregation has retracted, as published, with when: kept in its series'
 * state ({@link SeriesState#retracted()}, the newest {@link SeriesState#RETRACTIONS_KEPT}) so that
 * every {@code ModelChanges} carries the recent retractions, not only those of the evaluation that
 * made it.
 *
 * @param retractedAt wall clock of the evaluation that retracted it (the event's {@code retractedAt})
 */
public record RetractedChange(EmittedChange change, long retractedAt) {

    public RetractedChange {
        Objects.requireNonNull(change, "change");
    }
}
