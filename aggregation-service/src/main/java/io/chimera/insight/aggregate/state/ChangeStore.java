package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.aggregate.statistics.SeriesPoint;
import io.chimera.insight.aggregate.statistics.SeriesState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A task's change-detection state: the run points of each (model, configuration), one entry per run
 * holding every headline metric, so a run costs one small write ({@link RunPoint}); each file
 * version's own fields and the configurations it has points in, once per (model, file)
 * ({@link ChangeFile}: the index that lets a replaced file be dropped without reading the rest of the
 * model's history); each series' {@link SeriesState}
 * (model, configuration, metric: what the detector sees); and the configurations with runs not yet
 * evaluated.
 *
 * <p>Keys: a run point is {@link StateKeys#runPoint} (model, config key, file id, run id), so a
 * configuration's points are one prefix scan; a file is {@code model NUL fileId}; a series
 * {@link StateKeys#series}; a due configuration {@link StateKeys#changeConfig}.
 *
 * <p>Beside the stores it remembers the series and configurations it has seen to hold a state and a
 * due mark ({@code markedSeries}, {@code markedConfigs}), and the file it wrote last, so that a
 * configuration's further runs before its evaluation cost the point's write alone, not reads as well
 * (each decodes through the store's layers; they were a third of a run's change-detection cost).
 * That memory is derived from the stores and must not outlive them: an instance is built in the
 * processor's {@code init}, over the stores as restored, and only this class writes the file, state
 * and due stores, clearing a configuration from the memory when its evaluation removes its mark and
 * a file when it is dropped.
 */
public final class ChangeStore {

    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    /** A stored run point with the ids its key holds. */
    public record StoredRun(String fileId, String runId, RunPoint point) {
    }

    private final KeyValueStore<String, RunPoint> runs;
    private final KeyValueStore<String, ChangeFile> files;
    private final KeyValueStore<String, SeriesState> series;
    private final KeyValueStore<String, Long> dirty;
    /** Series known to hold a state in {@code series}; see the class comment. */
    private final Set<String> markedSeries = new HashSet<>();
    /** Configurations known to hold a mark in {@code dirty}; see the class comment. */
    private final Set<String> markedConfigs = new HashSet<>();
    /** The file entry written last, as held in {@code files}: a file's runs arrive together. */
    private String lastFileKey;
    private ChangeFile lastFile;

    public ChangeStore(KeyValueStore<String, RunPoint> runs, KeyValueStore<String, ChangeFile> files,
                       KeyValueStore<String, SeriesState> series, KeyValueStore<String, Long> dirty) {
        this.runs = runs;
        this.files = files;
        this.series = series;
        this.dirty = dirty;
    }

    /**
     * Adds a run's point to its configuration (replacing the run's earlier point, if any), gives each
     * metric it has a series state, and marks the configuration for evaluation.
     */
    public void add(String model, String configKey, Map<String, String> config, String fileId, String sha256,
                    String path, String runId, RunPoint point, long now) {
        runs.put(StateKeys.runPoint(model, configKey, fileId, runId), point);
        rememberFile(StateKeys.file(model, fileId), configKey, sha256, path);
        for (int i = 0; i < RunPoint.METRICS.size(); i++) {
            if (Double.isFinite(point.value(i))) {
                String key = StateKeys.series(new SeriesId(model, configKey, RunPoint.METRICS.get(i)));
                if (markedSeries.add(key) && series.get(key) == null) {
                    series.put(key, SeriesState.first(config));
                }
            }
        }
        String configDue = StateKeys.changeConfig(model, configKey);
        if (markedConfigs.add(configDue)) {
            markDirty(configDue, now);
        }
    }

    /**
     * The file version's entry, written when it does not hold {@code configKey} yet: a file's runs
     * arrive together, so a file is read once and written once per configuration it has runs in. The
     * aggregate holds one version of a file per model (a newer one drops the older first,
     * {@link #dropFile}), so an entry of another sha256 cannot be met; were it, this version's
     * fields would take its place.
     */
    private void rememberFile(String key, String configKey, String sha256, String path) {
        ChangeFile held = key.equals(lastFileKey) ? lastFile : files.get(key);
        ChangeFile file = held != null && held.sha256().equals(sha256) && held.path().equals(path)
                ? held.withConfig(configKey) : new ChangeFile(sha256, path, new TreeSet<>(Set.of(configKey)));
        if (file != held) {
            files.put(key, file);
        }
        lastFileKey = key;
        lastFile = file;
    }

    /**
     * Removes every point of {@code fileId} from the model's configurations; returns the config keys
     * that lost some, now marked. Reads the file's own points only: one prefix scan per configuration
     * its entry names.
     */
    public List<String> dropFile(String model, String fileId, long now) {
        String fileKey = StateKeys.file(model, fileId);
        ChangeFile file = fileKey.equals(lastFileKey) ? lastFile : files.get(fileKey);
        if (file == null) {
            return List.of();
        }
        List<String> marked = new ArrayList<>();
        for (String configKey : file.configKeys()) {
            List<String> stale = new ArrayList<>();
            String prefix = StateKeys.changeConfig(model, configKey) + StateKeys.SEPARATOR + fileId + StateKeys.SEPARATOR;
            try (KeyValueIterator<String, RunPoint> points = runs.prefixScan(prefix, PREFIX_SERIALIZER)) {
                points.forEachRemaining(entry -> stale.add(entry.key));
            }
            stale.forEach(runs::delete);
            if (!stale.isEmpty()) {
                markDirty(StateKeys.changeConfig(model, configKey), now);
                marked.add(configKey);
            }
        }
        forgetFile(fileKey);
        return marked;
    }

    /**
     * The history bound dropped the last points of these files in {@code configKey}: their entries no
     * longer name it, and an entry that names no configuration leaves.
     */
    public void filesLeft(String model, String configKey, Collection<String> fileIds) {
        for (String fileId : fileIds) {
            String key = StateKeys.file(model, fileId);
            ChangeFile held = key.equals(lastFileKey) ? lastFile : files.get(key);
            if (held == null || !held.configKeys().contains(configKey)) {
                continue;
            }
            ChangeFile fewer = held.withoutConfig(configKey);
            if (fewer.configKeys().isEmpty()) {
                forgetFile(key);
            } else {
                files.put(key, fewer);
                if (key.equals(lastFileKey)) {
                    lastFile = fewer;
                }
            }
        }
    }

    private void forgetFile(String key) {
        files.delete(key);
        if (key.equals(lastFileKey)) {
            lastFileKey = null;
            lastFile = null;
        }
    }

    /** The model's configurations with points not yet evaluated, by config key. */
    public List<String> dueConfigs(String model) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = dirty.prefixScan(StateKeys.modelPrefix(model), PREFIX_SERIALIZER)) {
            all.forEachRemaining(entry -> due.add(StateKeys.configKeyOf(entry.key)));
        }
        return due;
    }

    /** The configuration's run points, in store order (not series order). */
    public List<StoredRun> runs(String model, String configKey) {
        String prefix = StateKeys.changeConfig(model, configKey) + StateKeys.SEPARATOR;
        List<StoredRun> found = new ArrayList<>();
        try (KeyValueIterator<String, RunPoint> all = runs.prefixScan(prefix, PREFIX_SERIALIZER)) {
            all.forEachRemaining(entry -> {
                int afterFile = entry.key.indexOf(StateKeys.SEPARATOR, prefix.length());
                found.add(new StoredRun(entry.key.substring(prefix.length(), afterFile),
                        entry.key.substring(afterFile + 1), entry.value));
            });
        }
        return found;
    }

    /** The file version's fields as kept with its points; null when the model holds no point of it. */
    public ChangeFile file(String model, String fileId) {
        return files.get(StateKeys.file(model, fileId));
    }

    /** The series' state; null for a series never seen (or emptied and forgotten). */
    public SeriesState state(SeriesId id) {
        return series.get(StateKeys.series(id));
    }

    /** The bound dropped these points of the configuration: they leave the store. */
    public void trimmed(String model, String configKey, Collection<SeriesPoint> dropped) {
        dropped.forEach(point -> runs.delete(StateKeys.runPoint(model, configKey, point.fileId(), point.runId())));
    }

    /** Records a series' evaluation: it keeps {@code state}, or is forgotten when {@code forget}. */
    public void evaluated(SeriesId id, SeriesState state, boolean forget) {
        String key = StateKeys.series(id);
        if (forget) {
            series.delete(key);
            markedSeries.remove(key);
        } else {
            series.put(key, state);
        }
    }

    /** The configuration has been evaluated: it is no longer due. */
    public void evaluated(String model, String configKey) {
        String key = StateKeys.changeConfig(model, configKey);
        dirty.delete(key);
        markedConfigs.remove(key);
        // Only a configuration's marks until its evaluation are remembered, so the memory stays bounded.
        for (String metric : RunPoint.METRICS) {
            markedSeries.remove(StateKeys.series(new SeriesId(model, configKey, metric)));
        }
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
}
