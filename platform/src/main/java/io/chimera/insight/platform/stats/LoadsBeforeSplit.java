package io.chimera.insight.platform.stats;

import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.CanonicalMetric;

/**
 * Runs whose load duration the aggregate counts but its cold/warm split does not hold. The split keeps
 * each run's load bin, and aggregation state written before it existed (format 1 of the
 * aggregation's config codec) has no bins: those runs did report a load duration, yet the
 * aggregate's {@code coldStart} calls them unclassified, or says no run reports one at all. The
 * difference between the runs with a load duration and the runs split cold or warm tells them apart
 * from runs that truly report none, from the aggregate alone; reading the files again classifies them.
 */
public final class LoadsBeforeSplit {

    /** What the report and the effects say of such runs. */
    public static final String NOTE = "load durations not recorded before upgrade: re-ingest to classify";

    private LoadsBeforeSplit() {
    }

    /** Successful runs with a load duration in ms that are neither cold nor warm in {@code metrics.coldStart}; 0 without a split. */
    public static long runs(ModelMetrics metrics) {
        ColdStart cold = metrics.getColdStart();
        MetricStats load = metrics.getMetrics().get(CanonicalMetric.LOAD_DURATION_MS.canonicalName());
        if (cold == null || load == null || !load.getUnit().equals(CanonicalMetric.LOAD_DURATION_MS.unit())) {
            return 0;
        }
        return Math.max(0, load.getCount() - cold.getColdRuns() - cold.getWarmRuns());
    }
}
