package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.memory.WeightedLru;
import io.chimera.insight.aggregate.statistics.FileVersion;
import java.util.HashSet;
import java.util.Set;

/**
 * The (model, file) pairs a task saw last: the version it holds of each, so that a file's next run
 * does not read and decode it from the store again, and, for the files whose every entry this task
 * wrote itself, the config keys it wrote. Such a file is one whose first version it held, or whose
 * entries it dropped for a new version: the store had no entry of it then, and entries are only
 * added through {@link AggregateStore#add}. A run under a configuration such a file has no entry for
 * yet starts a new entry, which need not be looked for in the store; most entries are new (a file's
 * runs spread over its configurations: the bench's 2,000-file corpus has 1.5 runs per entry), and
 * looking up one that is in neither {@link RecentEntries} nor the record cache reads RocksDB.
 *
 * <p>Derived from the stores like the recent entries and kept in step the same way: every write of
 * a version or an entry goes through {@link AggregateStore}, and the processor makes a new one in
 * {@code init}. Bounded: the least recently used file goes first, and is read from the store again.
 */
final class RecentFiles {

    /** More files than the runs of a commit interval touch at once. */
    static final int DEFAULT_CAPACITY = 1024;

    private static final class File {
        private final FileVersion version;
        /** Config keys of the entries written since the store held none of the file's; null when not known. */
        private final Set<String> written;

        private File(FileVersion version, Set<String> written) {
            this.version = version;
            this.written = written;
        }
    }

    private final WeightedLru<String, File> files;

    RecentFiles(int capacity) {
        this.files = WeightedLru.counting(capacity);
    }

    /** The version held of {@code fileKey} ({@link StateKeys#file}) as last read or written here, or null when not here. */
    FileVersion version(String fileKey) {
        File file = files.get(fileKey);
        return file == null ? null : file.version;
    }

    /** {@code version} was read from the store; what the store holds of the file's entries is not known here. */
    void read(String fileKey, FileVersion version) {
        files.put(fileKey, new File(version, null));
    }

    /** {@code version} is now held, and the store holds no entry of the file. */
    void emptied(String fileKey, FileVersion version) {
        files.put(fileKey, new File(version, new HashSet<>()));
    }

    /**
     * Whether the entry of {@code configKey} in file {@code fileKey} is known to be missing from the
     * store, as it is about to be written: true once per such entry; false whenever it may be there.
     */
    boolean firstWrite(String fileKey, String configKey) {
        File file = files.get(fileKey);
        return file != null && file.written != null && file.written.add(configKey);
    }
}
