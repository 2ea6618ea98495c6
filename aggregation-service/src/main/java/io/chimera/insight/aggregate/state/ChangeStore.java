package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.aggregate.statistics.SeriesPoint;
import io.chimera.insight.aggregate.statistics.SeriesState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A task's change-detection state: each series' points (one entry per run, so a run costs one small
 * write, not a rewrite of its series), each series' {@link SeriesState}, and the series with runs not
 * yet evaluated.
 *
 * <p>Keys: a series is {@link StateKeys#series}; a point is its series' key, NUL, the run id, so a
 * prefix scan finds a series' points, and one over {@code model NUL} every point of a model.
 *
 * <p>Beside the stores it remembers the series it has seen to hold a state and a due mark
 * ({@code markedSeries}), so that a series' further runs before its evaluation cost the point's
 * write alone, not two reads as well (each decodes through the store's layers; they were a third
 * of a run's change-detection cost). That memory is derived from the stores and must not outlive
 * them: an instance is built in the processor's {@code init}, over the stores as restored, and only
 * this class writes the state and due stores, clearing a series from the memory when its
 * evaluation removes its mark.
 */
public final class ChangeStore {

    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final KeyValueStore<String, SeriesPoint> points;
    private final KeyValueStore<String, SeriesState> series;
    private final KeyValueStore<String, Long> dirty;
    /** Series known to hold a state in {@code series} and a mark in {@code dirty}; see the class comment. */
    private final Set<String> markedSeries = new HashSet<>();

    public ChangeStore(KeyValueStore<String, SeriesPoint> points, KeyValueStore<String, SeriesState> series,
                       KeyValueStore<String, Long> dirty) {
        this.points = points;
        this.series = series;
        this.dirty = dirty;
    }

    /** Adds a run's point to its series (replacing the run's earlier point, if any), marking the series for evaluation. */
    public void add(SeriesId id, Map<String, String> config, SeriesPoint point, long now) {
        String key = StateKeys.series(id);
        points.put(pointKey(key, point.runId()), point);
        if (markedSeries.contains(key)) {
            return;
        }
        if (series.get(key) == null) {
            series.put(key, SeriesState.first(config));
        }
        markDirty(key, now);
        markedSeries.add(key);
    }

    /** Removes every point of {@code fileId} from the model's series; returns the series that lost some, now marked. */
    public List<SeriesId> dropFile(String model, String fileId, long now) {
        Set<String> touched = new LinkedHashSet<>();
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, SeriesPoint> all = points.prefixScan(StateKeys.modelPrefix(model), PREFIX_SERIALIZER)) {
            all.forEachRemaining(entry -> {
                if (entry.value.fileId().equals(fileId)) {
                    stale.add(entry.key);
                    touched.add(entry.key.substring(0, entry.key.lastIndexOf(StateKeys.SEPARATOR)));
                }
            });
        }
        stale.forEach(points::delete);
        List<SeriesId> marked = new ArrayList<>();
        for (String key : touched) {
            markDirty(key, now);
            marked.add(StateKeys.seriesOf(key));
        }
        return marked;
    }

    /** The model's series with points not yet evaluated. */
    public List<SeriesId> dirty(String model) {
        List<SeriesId> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = dirty.prefixScan(StateKeys.modelPrefix(model), PREFIX_SERIALIZER)) {
            all.forEachRemaining(entry -> due.add(StateKeys.seriesOf(entry.key)));
        }
        return due;
    }

    /** The series' points, in store order (not series order). */
    public List<SeriesPoint> points(SeriesId id) {
        List<SeriesPoint> found = new ArrayList<>();
        try (KeyValueIterator<String, SeriesPoint> all =
                     points.prefixScan(StateKeys.series(id) + StateKeys.SEPARATOR, PREFIX_SERIALIZER)) {
            all.forEachRemaining(entry -> found.add(entry.value));
        }
        return found;
    }

    /** The series' state; null for a series never seen (or emptied and forgotten). */
    public SeriesState state(SeriesId id) {
        return series.get(StateKeys.series(id));
    }

    /**
     * Records an evaluation: {@code trimmed} points leave the series, which keeps {@code state}
     * (forgotten when it holds neither points nor published changes), and is no longer due.
     */
    public void evaluated(SeriesId id, Collection<SeriesPoint> trimmed, SeriesState state, boolean empty) {
        String key = StateKeys.series(id);
        trimmed.forEach(point -> points.delete(pointKey(key, point.runId())));
        if (empty && state.emitted().isEmpty()) {
            series.delete(key);
        } else {
            series.put(key, state);
        }
        dirty.delete(key);
        markedSeries.remove(key);
    }

    /** Every series state of {@code model}, in store order. */
    public List<KeyValue<SeriesId, SeriesState>> states(String model) {
        return statesOf(series, model);
    }

    /** Every series state of {@code model} held by these stores, for queries. */
    public static List<KeyValue<SeriesId, SeriesState>> statesOf(
            ReadOnlyKeyValueStore<String, SeriesState> store, String model) {
        List<KeyValue<SeriesId, SeriesState>> found = new ArrayList<>();
        try (KeyValueIterator<String, SeriesState> all = store.prefixScan(StateKeys.modelPrefix(model), PREFIX_SERIALIZER)) {
            all.forEachRemaining(entry -> found.add(KeyValue.pair(StateKeys.seriesOf(entry.key), entry.value)));
        }
        return found;
    }

    private void markDirty(String key, long now) {
        if (dirty.get(key) == null) {
            dirty.put(key, now);
        }
    }

    private static String pointKey(String seriesKey, String runId) {
        return seriesKey + StateKeys.SEPARATOR + runId;
    }
}
