package io.chimera.insight.aggregate.state;

/**
 * A model whose aggregate changed since its last analysis request. Times are wall-clock
 * milliseconds of this service, except {@code oldestPendingIngestAt}, which is the ingest time
 * of the oldest record not yet covered by a request (the start of end-to-end lag).
 *
 * @param firstChangeAt         when the first change not yet requested happened (max-delay counts from here)
 * @param lastChangeAt          when the latest change happened (the debounce counts from here)
 * @param oldestPendingIngestAt ingest time of the oldest record not yet covered
 * @param metricsDirty          whether model-metrics has not been emitted since the latest change
 */
public record PendingModel(long firstChangeAt, long lastChangeAt, long oldestPendingIngestAt, boolean metricsDirty) {

    public static PendingModel firstChange(long now, long ingestedAt) {
        return new PendingModel(now, now, ingestedAt, true);
    }

    public PendingModel changedAgain(long now, long ingestedAt) {
        return new PendingModel(firstChangeAt, Math.max(lastChangeAt, now),
                Math.min(oldestPendingIngestAt, ingestedAt), true);
    }

    public PendingModel metricsEmitted() {
        return new PendingModel(firstChangeAt, lastChangeAt, oldestPendingIngestAt, false);
    }
}
