package io.chimera.insight.aggregate.topology;

import java.time.Duration;

/**
 * A task's emission clock paced by its records instead of the wall clock
 * ({@link AggregationSettings#clockPerRecord()}): each record processed advances it by a fixed step, and a
 * tick is due each time it passes the punctuation interval. Two runs of the aggregation over the same
 * records then emit (refresh model-metrics, evaluate due models, request analyses) at the same records,
 * however long either takes. With the wall clock a run slowed by any work emits more often per record,
 * and a bench comparing two settings would count those extra emissions against the slower one.
 * The product keeps the wall clock: a user waits in wall-clock time.
 */
final class PacedClock {

    private final long startMs;
    private final long nanosPerRecord;
    private final long intervalMs;
    private long records;
    private long nextTickMs;

    /** Starting at wall-clock {@code startMs}, {@code perRecord} per record, a tick every {@code interval}. */
    PacedClock(long startMs, Duration perRecord, Duration interval) {
        this.startMs = startMs;
        this.nanosPerRecord = perRecord.toNanos();
        this.intervalMs = interval.toMillis();
        this.nextTickMs = startMs + intervalMs;
    }

    /** The clock now, in epoch milliseconds. */
    long now() {
        return startMs + records * nanosPerRecord / 1_000_000;
    }

    /** Counts one record processed; whether a tick is due now (then the next is one interval later). */
    boolean advance() {
        records++;
        long now = now();
        if (now < nextTickMs) {
            return false;
        }
        nextTickMs = now + intervalMs;
        return true;
    }
}
