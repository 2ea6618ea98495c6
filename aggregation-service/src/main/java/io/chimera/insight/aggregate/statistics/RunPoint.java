package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.util.Arrays;
import java.util.List;

/**
 * One run as change detection keeps it: one point per run, holding the value of every headline
 * metric ({@link #METRICS}: tokens/s and TTFT), its place in time, and its load duration (which
 * decides whether it was a cold run, left out of the TTFT series). The run id and file id are the
 * point's key in the store, and the file's own fields (sha256, path) are kept once per file version
 * ({@link ChangeFile}), so neither is repeated here.
 *
 * <p>A series (model, configuration, metric) is what the detector sees: the points of its
 * configuration with a finite value of its metric ({@link SeriesPoint}, built at each evaluation).
 *
 * @param seq        the run record's offset: its order among runs at the same time (see {@link SeriesPoint})
 * @param observedAt the run's own time, or {@link SeriesPoint#UNKNOWN}
 * @param ingestedAt when ingest read it
 * @param loadMs     the run's load duration in ms; NaN when it reported none
 * @param values     the run's value of each of {@link #METRICS}, in that order; NaN where it has none
 */
public record RunPoint(long seq, long observedAt, long ingestedAt, double loadMs, double[] values) {

    /** The metrics a point holds, in the order of {@link #values}: the headline metrics. */
    public static final List<String> METRICS =
            CanonicalMetric.headlines().stream().map(CanonicalMetric::canonicalName).toList();

    public RunPoint {
        if (values.length != METRICS.size()) {
            throw new IllegalArgumentException("a point holds " + METRICS.size() + " values, got " + values.length);
        }
        values = values.clone();
    }

    /** The value of the metric at {@code index} of {@link #METRICS}; NaN when the run has none. */
    public double value(int index) {
        return values[index];
    }

    /** Whether the run has a finite value of any metric: a run with none is no point of any series. */
    public boolean hasAnyValue() {
        for (double value : values) {
            if (Double.isFinite(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunPoint that && seq == that.seq && observedAt == that.observedAt
                && ingestedAt == that.ingestedAt && Double.compare(loadMs, that.loadMs) == 0
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(seq) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "RunPoint[seq=" + seq + ", observedAt=" + observedAt + ", ingestedAt=" + ingestedAt + ", loadMs=" + loadMs
                + ", values=" + Arrays.toString(values) + "]";
    }
}
