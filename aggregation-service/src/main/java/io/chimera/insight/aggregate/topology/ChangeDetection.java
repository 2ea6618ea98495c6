package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.statistics.HistoryBound;
import io.chimera.insight.platform.change.ChangeDetector;
import java.util.Objects;

/**
 * How the aggregation looks for performance changes: the detector it asks and how much history
 * per series it keeps for it.
 */
public record ChangeDetection(ChangeDetector detector, HistoryBound bound) {

    public ChangeDetection {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(bound, "bound");
    }

    /** The platform's detector with its default settings, over the default history bound. */
    public static ChangeDetection defaults() {
        // Until the detector of issue 16 is merged: finds nothing.
        return new ChangeDetection(values -> java.util.List.of(), HistoryBound.defaults());
    }

    public ChangeDetection withBound(HistoryBound value) {
        return new ChangeDetection(detector, value);
    }
}
