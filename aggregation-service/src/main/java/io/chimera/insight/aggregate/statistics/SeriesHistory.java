package io.chimera.insight.aggregate.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The run history of one series (model, configuration, metric) as change detection reads it: its
 * points in series order ({@link SeriesPoint#ORDER}), however the runs arrived, cut to a
 * {@link HistoryBound} by {@link #trim}.
 *
 * <p>{@code trimmedThrough} is the time of the newest point the bound has ever dropped
 * ({@link SeriesPoint#UNKNOWN} while it has dropped none): a change whose earlier segment starts at or
 * before it no longer has all its evidence in the history, and is not judged again (see
 * {@link ChangeReconciler}). Points removed because their file was replaced do not move it: that is
 * not age, it is the file saying the runs are gone.
 */
public final class SeriesHistory {

    private final List<SeriesPoint> points;
    /** The points' values, when given apart from the points ({@link #ordered}); null: each point's own. */
    private double[] values;
    private long trimmedThrough;

    public SeriesHistory(List<SeriesPoint> points, long trimmedThrough) {
        this.points = new ArrayList<>(points);
        this.points.sort(SeriesPoint.ORDER);
        this.trimmedThrough = trimmedThrough;
    }

    private SeriesHistory(List<SeriesPoint> ordered, double[] values, long trimmedThrough) {
        this.points = ordered;
        this.values = values;
        this.trimmedThrough = trimmedThrough;
    }

    /**
     * A history of points already in series order ({@link SeriesPoint#ORDER}; not sorted again), with
     * their values apart: {@code values[i]} is point {@code i}'s value in this series, whatever the
     * point carries (an evaluation places a configuration's runs once, for every metric's series, and
     * keeps them in order between evaluations: {@code PlacedRuns}). Takes both as they are.
     */
    public static SeriesHistory ordered(List<SeriesPoint> points, double[] values, long trimmedThrough) {
        if (values.length != points.size()) {
            throw new IllegalArgumentException(points.size() + " points with " + values.length + " values");
        }
        return new SeriesHistory(points, values, trimmedThrough);
    }

    /** The points, oldest first. */
    public List<SeriesPoint> points() {
        return Collections.unmodifiableList(points);
    }

    public int size() {
        return points.size();
    }

    public long trimmedThrough() {
        return trimmedThrough;
    }

    /** The values, oldest first: what a detector reads. */
    public double[] values() {
        if (this.values != null) {
            return this.values.clone();
        }
        double[] values = new double[points.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = points.get(i).value();
        }
        return values;
    }

    /** Drops the oldest points until {@code bound} holds; returns them. */
    public List<SeriesPoint> trim(HistoryBound bound) {
        if (points.isEmpty()) {
            return List.of();
        }
        long newest = points.get(points.size() - 1).time();
        long cutoff = newest - bound.maxAge().toMillis();
        int drop = 0;
        while (drop < points.size() && (points.size() - drop > bound.maxRuns() || points.get(drop).time() < cutoff)) {
            trimmedThrough = Math.max(trimmedThrough, points.get(drop).time());
            drop++;
        }
        List<SeriesPoint> dropped = new ArrayList<>(points.subList(0, drop));
        points.subList(0, drop).clear();
        if (values != null && drop > 0) {
            values = Arrays.copyOfRange(values, drop, values.length);
        }
        return dropped;
    }

    /**
     * Where the run {@code runId} stands in the series; when it is no longer there (its file was
     * replaced), where a run at {@code probe}'s place would stand.
     */
    public int positionOf(String runId, SeriesPoint probe) {
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).runId().equals(runId)) {
                return i;
            }
        }
        int at = Collections.binarySearch(points, Objects.requireNonNull(probe), SeriesPoint.ORDER);
        return at < 0 ? -at - 1 : at;
    }
}
