package io.chimera.insight.analysis.aggregate;

import io.chimera.insight.events.BenchmarkRun;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's aggregation state: per (model, file) the file version it holds, and per
 * (model, file, config) the aggregate of that version's records.
 *
 * <p>Why per file and per config rather than one value per model: a run then rewrites only
 * its small (file, config) entry, not the whole model, and a replaced file is dropped by
 * deleting its entries; the model's figures are merged from the entries when they are emitted,
 * which Chan's formula and sketch merging make exact.
 */
final class AggregateStore {

    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final KeyValueStore<String, FileVersion> versions;
    private final KeyValueStore<String, ConfigAggregate> configs;
    private final AggregateReader reader;

    AggregateStore(KeyValueStore<String, FileVersion> versions, KeyValueStore<String, ConfigAggregate> configs) {
        this.versions = versions;
        this.configs = configs;
        this.reader = new AggregateReader(versions, configs);
    }

    /** The version of {@code fileId} the model's aggregate holds, or null. */
    FileVersion version(String model, String fileId) {
        return versions.get(StateKeys.file(model, fileId));
    }

    /** Makes {@code version} the one held for {@code fileId}, dropping whatever an earlier version added. */
    void startVersion(String model, String fileId, FileVersion version) {
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, ConfigAggregate> entries =
                     configs.prefixScan(StateKeys.filePrefix(model, fileId), PREFIX_SERIALIZER)) {
            entries.forEachRemaining(entry -> stale.add(entry.key));
        }
        stale.forEach(configs::delete);
        versions.put(StateKeys.file(model, fileId), version);
    }

    /** Adds a record of the version currently held for its file. */
    void add(String model, BenchmarkRun run) {
        String key = StateKeys.config(model, run.getFileId(), ConfigKeys.of(run.getConfig()));
        ConfigAggregate aggregate = configs.get(key);
        if (aggregate == null) {
            aggregate = ConfigAggregate.empty(run.getConfig());
        }
        aggregate.add(run);
        configs.put(key, aggregate);
    }

    /** Everything held for {@code model}, file by file, in file-id order. */
    List<FileAggregate> files(String model) {
        return reader.files(model);
    }

    /** Every (model, file) version held by this task, keyed by {@link StateKeys#file}. */
    List<KeyValue<String, FileVersion>> allVersions() {
        List<KeyValue<String, FileVersion>> all = new ArrayList<>();
        try (KeyValueIterator<String, FileVersion> entries = versions.all()) {
            entries.forEachRemaining(all::add);
        }
        return all;
    }
}
