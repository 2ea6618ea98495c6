package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.ConfigKeys;
import io.chimera.insight.aggregate.statistics.EntryKey;
import io.chimera.insight.aggregate.statistics.FileVersion;
import io.chimera.insight.aggregate.statistics.MetricKeys;
import io.chimera.insight.aggregate.statistics.RunningAggregates;
import io.chimera.insight.aggregate.statistics.RunningModel;
import io.chimera.insight.aggregate.statistics.RunValues;

import io.chimera.insight.events.BenchmarkRun;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's aggregation state: per (model, file) the file version it holds, and per
 * (model, file, config) the aggregate of that version's records; beside them, the models'
 * running aggregates, derived from those entries and kept in step with them.
 *
 * <p>Why per file and per config rather than one value per model: a run then rewrites only
 * its small (file, config) entry, not the whole model, and a replaced file is dropped by
 * deleting its entries. The model's figures are the merge of its entries, which exact sums of
 * their moments and sketch merging make independent of their order; a {@link RunningModel} keeps
 * that merge up to date run by run (it is told of each run before and after the entry takes it),
 * so emitting it does not re-read the entries. Every change to the entries goes through here, so
 * this is where the running aggregates learn of it: an added run is folded in, removed entries
 * discard the model's running aggregate.
 */
public final class AggregateStore {

    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final KeyValueStore<String, FileVersion> versions;
    private final KeyValueStore<String, ConfigAggregate> configs;
    private final AggregateReader reader;
    private final RunningAggregates running;
    private final RecentEntries recent = new RecentEntries(RecentEntries.DEFAULT_CAPACITY);
    private final RecentFiles recentFiles = new RecentFiles(RecentFiles.DEFAULT_CAPACITY);
    /** The task's shared metric keys: each run is read once for its entry and the model's running aggregate. */
    private final MetricKeys metricKeys = new MetricKeys();
    /** Models that have had a run added through this instance (see {@link #add}). */
    private final Set<String> started = new HashSet<>();
    /**
     * The model of the run added last, in {@link #started}: a model's runs come one after the other (a file's
     * runs in a row), so most runs are told apart from it by comparing names, without hashing the run's
     * model name (a new string, decoded from its record) into the set.
     */
    private String lastStarted;
    /** The (model, file id) whose {@link StateKeys#file key} was made last, and that key ({@link #fileKey}). */
    private String lastModel;
    private String lastFileId;
    private String lastFileKey;

    /**
     * Over a task's stores. The running aggregates and recent entries derived from them start
     * empty, so a new instance is needed whenever the stores may have changed behind its back.
     */
    public AggregateStore(KeyValueStore<String, FileVersion> versions, KeyValueStore<String, ConfigAggregate> configs,
                   RunningAggregates running) {
        this.versions = versions;
        this.configs = configs;
        this.reader = new AggregateReader(versions, configs);
        this.running = running;
    }

    /** The version of {@code fileId} the model's aggregate holds, or null. */
    public FileVersion version(String model, String fileId) {
        String fileKey = fileKey(model, fileId);
        FileVersion version = recentFiles.version(fileKey);
        if (version == null) {
            version = versions.get(fileKey);
            if (version != null) {
                recentFiles.read(fileKey, version);
            }
        }
        return version;
    }

    /**
     * Makes {@code version} the first version held for {@code fileId}. Entries are only ever added
     * under a held version and versions are only ever replaced, never removed, so a file with no
     * version held has no entries to drop.
     */
    public void holdFirstVersion(String model, String fileId, FileVersion version) {
        String fileKey = fileKey(model, fileId);
        versions.put(fileKey, version);
        recentFiles.emptied(fileKey, version);
    }

    /** Makes {@code version} the one held for {@code fileId}, dropping whatever an earlier version added. */
    public void startVersion(String model, String fileId, FileVersion version) {
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, ConfigAggregate> entries =
                     configs.prefixScan(StateKeys.filePrefix(model, fileId), PREFIX_SERIALIZER)) {
            entries.forEachRemaining(entry -> stale.add(entry.key));
        }
        if (!stale.isEmpty()) {
            running.discard(model);
        }
        for (String key : stale) {
            configs.delete(key);
            recent.deleted(key);
        }
        String fileKey = fileKey(model, fileId);
        versions.put(fileKey, version);
        recentFiles.emptied(fileKey, version);
    }

    /**
     * {@link StateKeys#file}: the key made last when it is the same file again. A file's runs come one after
     * the other, and each asks for its file's key twice (its version, then its entry), so most runs make none.
     */
    private String fileKey(String model, String fileId) {
        if (!fileId.equals(lastFileId) || !model.equals(lastModel)) {
            lastFileKey = StateKeys.file(model, fileId);
            lastModel = model;
            lastFileId = fileId;
        }
        return lastFileKey;
    }

    /** Adds a record of {@code version}, the version currently held for its file. */
    public void add(String model, FileVersion version, BenchmarkRun run) {
        add(model, version, run, ConfigKeys.of(run.getConfig()));
    }

    /** {@link #add(String, FileVersion, BenchmarkRun)} with the run's {@link ConfigKeys#of config key}, made once per run by the caller. */
    public void add(String modelName, FileVersion version, BenchmarkRun run, String configKey) {
        if (!modelName.equals(lastStarted) && started.add(modelName)) {
            // The model's first run here: its running aggregate is built now, from the store as it is
            // before this run (cheap on a fresh store), so that this run and the next are folded into it
            // one by one, and its first emission does not read back, decode and merge every entry its
            // runs wrote meanwhile (8 % of the stream thread's samples in the bench, see
            // docs/benchmarks.md). Once per model and instance: a model dropped later (budget, a
            // replaced file) is rebuilt at its next emission, as before, never run by run.
            running(modelName);
        }
        lastStarted = modelName;
        String fileKey = fileKey(modelName, run.getFileId());
        String key = StateKeys.config(fileKey, configKey);
        ConfigAggregate aggregate = recent.get(key);
        if (aggregate == null && !recentFiles.firstWrite(fileKey, configKey)) {
            aggregate = configs.get(key);
        }
        if (aggregate == null) {
            aggregate = ConfigAggregate.entry(run.getConfig());
        }
        RunValues values = RunValues.of(run, metricKeys);
        RunningModel model = running.adding(modelName, values, aggregate);
        aggregate.add(values);
        configs.put(key, aggregate);
        recent.written(key, aggregate);
        if (model != null) {
            running.added(model, modelName, new EntryKey(run.getFileId(), configKey), version.path(), values, aggregate);
        }
    }

    /** The model's merged aggregate: the running one, or one built from the entries when none is cached. */
    public RunningModel running(String model) {
        return running.get(model, m -> RunningModel.of(reader.files(m)));
    }

    /** Whether this task holds no file version at all: a fresh store, nothing restored into it. */
    public boolean holdsNoVersions() {
        try (KeyValueIterator<String, FileVersion> entries = versions.all()) {
            return !entries.hasNext();
        }
    }

    /** Every (model, file) version held by this task, keyed by {@link StateKeys#file}. */
    public List<KeyValue<String, FileVersion>> allVersions() {
        List<KeyValue<String, FileVersion>> all = new ArrayList<>();
        try (KeyValueIterator<String, FileVersion> entries = versions.all()) {
            entries.forEachRemaining(all::add);
        }
        return all;
    }
}
