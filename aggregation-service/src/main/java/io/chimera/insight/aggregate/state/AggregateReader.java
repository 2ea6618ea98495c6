package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.FileAggregate;
import io.chimera.insight.aggregate.statistics.FileVersion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a model's aggregate out of the stores. Read-only, so it serves both the processor (over
 * its task's stores) and interactive queries (over every local task's stores, see
 * {@code AggregateQueries}); one reading path means a query returns what the topology emits.
 */
public final class AggregateReader {

    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final ReadOnlyKeyValueStore<String, FileVersion> versions;
    private final ReadOnlyKeyValueStore<String, ConfigAggregate> configs;

    public AggregateReader(ReadOnlyKeyValueStore<String, FileVersion> versions,
                    ReadOnlyKeyValueStore<String, ConfigAggregate> configs) {
        this.versions = versions;
        this.configs = configs;
    }

    /** Everything held for {@code model}, file by file, in file-id order. */
    public List<FileAggregate> files(String model) {
        Map<String, List<ConfigAggregate>> byFile = new LinkedHashMap<>();
        try (KeyValueIterator<String, ConfigAggregate> entries =
                     configs.prefixScan(StateKeys.modelPrefix(model), PREFIX_SERIALIZER)) {
            entries.forEachRemaining(entry ->
                    byFile.computeIfAbsent(StateKeys.fileIdOf(entry.key), id -> new ArrayList<>()).add(entry.value));
        }
        List<FileAggregate> files = new ArrayList<>();
        byFile.forEach((fileId, aggregates) -> {
            FileVersion version = versions.get(StateKeys.file(model, fileId));
            if (version != null) {
                files.add(new FileAggregate(fileId, version, aggregates));
            }
        });
        return files;
    }

    /** Every model that holds at least one file version, sorted; some may hold no records (see {@link FileAggregate#hasRecords}). */
    public SortedSet<String> models() {
        SortedSet<String> models = new TreeSet<>();
        try (KeyValueIterator<String, FileVersion> entries = versions.all()) {
            entries.forEachRemaining(entry -> models.add(StateKeys.modelOf(entry.key)));
        }
        return models;
    }
}
