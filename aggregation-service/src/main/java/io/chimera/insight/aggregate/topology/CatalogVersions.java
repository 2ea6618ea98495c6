package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.memory.WeightedLru;
import io.chimera.insight.aggregate.statistics.FileVersion;
import io.chimera.insight.events.BenchmarkFile;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The file versions a stream task read from the global file catalog, kept until the catalog changes.
 * Every run asks for its file's version in the catalog ({@link FileVersionResolver#admit}), and a read
 * decoded the whole {@code BenchmarkFile} from the store (Avro, with its strings and instants) for a
 * file whose runs come one after the other; now a file is read once per change of the catalog. Any
 * write to the catalog ({@link CatalogChanges}) drops all that is kept: writes come once per file
 * version, runs several per file.
 *
 * <p>Not thread-safe: one per stream task. Bounded: the least recently used file goes first.
 */
final class CatalogVersions {

    /** More files than a task's runs move between at once. */
    static final int DEFAULT_CAPACITY = 1024;
    /** Kept for a file the catalog does not hold. */
    private static final FileVersion ABSENT = new FileVersion("", Long.MIN_VALUE, "");

    private final ReadOnlyKeyValueStore<String, BenchmarkFile> catalog;
    private final CatalogChanges changes;
    private final WeightedLru<String, FileVersion> versions;
    /** {@link CatalogChanges#count()} when {@link #versions} were read (before the reads). */
    private long readAt = -1;

    CatalogVersions(ReadOnlyKeyValueStore<String, BenchmarkFile> catalog, CatalogChanges changes, int capacity) {
        this.catalog = catalog;
        this.changes = changes;
        this.versions = WeightedLru.counting(capacity);
    }

    /** The version of {@code fileId} the catalog holds now, or null when it holds none. */
    FileVersion version(String fileId) {
        if (!changes.counted()) {
            return read(fileId);
        }
        long count = changes.count();
        if (count != readAt) {
            versions.clear();
            readAt = count;
        }
        FileVersion version = versions.get(fileId);
        if (version == null) {
            version = read(fileId);
            versions.put(fileId, version == null ? ABSENT : version);
            return version;
        }
        return version == ABSENT ? null : version;
    }

    /**
     * The catalog's {@link CatalogChanges#count()} now, to be taken before reading it: the same count later means
     * nothing was written meanwhile. -1 when its writes are not counted, so that no two readings look alike.
     */
    long changeCount() {
        return changes.counted() ? changes.count() : -1;
    }

    private FileVersion read(String fileId) {
        BenchmarkFile file = catalog.get(fileId);
        return file == null ? null : FileVersion.of(file);
    }
}
