package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.statistics.HistoryBound;
import io.chimera.insight.platform.change.ChangeDetector;
import io.chimera.insight.platform.change.EDivisiveMeans;
import java.util.Objects;

/**
 * How the aggregation looks for performance changes: the detector it asks and how much history
 * per series it keeps for it, or that it does not look at all ({@code enabled} false: no history is
 * kept, nothing is evaluated or published, and {@code ModelMetrics.changes} is null; for measuring
 * what detection costs, {@code --change-detection=false}).
 */
public record ChangeDetection(ChangeDetector detector, HistoryBound bound, boolean enabled) {

    /** One instance for every default: the detector holds only its settings, and equal defaults compare equal. */
    private static final ChangeDetector DEFAULT_DETECTOR = EDivisiveMeans.withDefaults();

    public ChangeDetection {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(bound, "bound");
    }

    /**
     * E-divisive means ({@link EDivisiveMeans}) with the platform's defaults
     * ({@code ChangeSettings.DEFAULTS}), over the last 500 runs or 90 days of a series.
     */
    public static ChangeDetection defaults() {
        return new ChangeDetection(DEFAULT_DETECTOR, HistoryBound.defaults(), true);
    }

    public ChangeDetection withBound(HistoryBound value) {
        return new ChangeDetection(detector, value, enabled);
    }

    public ChangeDetection withEnabled(boolean value) {
        return new ChangeDetection(detector, bound, value);
    }
}
