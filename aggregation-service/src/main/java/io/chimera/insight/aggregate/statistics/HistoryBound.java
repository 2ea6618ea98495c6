package io.chimera.insight.aggregate.statistics;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of a series' history change detection keeps: the newest {@code maxRuns} runs and only
 * those within {@code maxAge} of the newest run, whichever leaves fewer. Age is measured in the
 * series' own time (the runs' times), never the wall clock, so the same runs give the same history
 * whenever they are replayed.
 */
public record HistoryBound(int maxRuns, Duration maxAge) {

    public static final int DEFAULT_MAX_RUNS = 500;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(90);

    public HistoryBound {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxRuns < 2) {
            throw new IllegalArgumentException("a change history needs at least 2 runs, got " + maxRuns);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the change history's age must be positive, was " + maxAge);
        }
    }

    /** The last 500 runs or 90 days. */
    public static HistoryBound defaults() {
        return new HistoryBound(DEFAULT_MAX_RUNS, DEFAULT_MAX_AGE);
    }
}
