package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.statistics.ChangeSettingsByMetric;
import io.chimera.insight.aggregate.statistics.HistoryBound;
import io.chimera.insight.platform.change.ChangeDetector;
import io.chimera.insight.platform.change.ChangeSettings;
import io.chimera.insight.platform.change.EDivisiveMeans;
import java.util.Objects;
import java.util.Optional;

/**
 * How the aggregation looks for performance changes: what counts as a change for each metric, how
 * much history per series it keeps for it, or that it does not look at all ({@code enabled} false:
 * no history is kept, nothing is evaluated or published, and {@code ModelMetrics.changes} is null;
 * for measuring what detection costs, {@code --change-detection=false}).
 */
public record ChangeDetection(ChangeSettingsByMetric settings, HistoryBound bound, boolean enabled) {

    public ChangeDetection {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(bound, "bound");
    }

    /**
     * E-divisive means ({@link EDivisiveMeans}) with the platform's defaults
     * ({@code ChangeSettings.DEFAULTS}) for every metric, over the last 500 runs or 90 days of a series.
     */
    public static ChangeDetection defaults() {
        return new ChangeDetection(ChangeSettingsByMetric.DEFAULTS, HistoryBound.defaults(), true);
    }

    /**
     * The detector for the series of the metric of this canonical name, with that metric's settings.
     * A new one each time: it holds nothing but its settings, and a series is evaluated at most once
     * per debounce.
     */
    public ChangeDetector detectorFor(String metric) {
        return new EDivisiveMeans(settings.forMetric(metric));
    }

    /**
     * The detector that keeps the published changes of the metric's series (the metric's settings at
     * their keep alpha); empty when the metric has no hysteresis.
     */
    public Optional<ChangeDetector> keepDetectorFor(String metric) {
        ChangeSettings metricSettings = settings.forMetric(metric);
        return metricSettings.hasHysteresis() ? Optional.of(new EDivisiveMeans(metricSettings.keeping()))
                : Optional.empty();
    }

    public ChangeDetection withSettings(ChangeSettingsByMetric value) {
        return new ChangeDetection(value, bound, enabled);
    }

    public ChangeDetection withBound(HistoryBound value) {
        return new ChangeDetection(settings, value, enabled);
    }

    public ChangeDetection withEnabled(boolean value) {
        return new ChangeDetection(settings, bound, value);
    }
}
