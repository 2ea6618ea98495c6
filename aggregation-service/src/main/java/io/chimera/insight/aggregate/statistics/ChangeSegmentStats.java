package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.platform.change.ChangePoint;

/** One side of a change as kept in state: runs, mean and 95 % interval of the mean (NaN bounds below 2 runs). */
public record ChangeSegmentStats(long n, double mean, double ciLow, double ciHigh) {

    public static ChangeSegmentStats of(ChangePoint.Segment segment) {
        return new ChangeSegmentStats(segment.n(), segment.mean(), segment.ciLow(), segment.ciHigh());
    }
}
