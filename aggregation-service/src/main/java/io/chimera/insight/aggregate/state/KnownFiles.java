package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.memory.WeightedLru;
import io.chimera.insight.aggregate.statistics.ChangeFile;
import java.util.HashSet;
import java.util.Set;

/**
 * The change-detection files ({@code change-files}, and their index entries in
 * {@code change-file-configs}) a task met lately, so that a run of a file already kept costs no store
 * read, and an evaluation reads no file entry: runs of many files arrive interleaved on a partition
 * (ingest's parallel readers share transactions), so remembering the one file written last read and
 * wrote the file's entry again at nearly every run (profiled in the bench).
 *
 * <p>Per file: its entry as held ({@code null} while the store holds none) and the configurations
 * its index entries are known to name. That set is {@code complete} (it names every index entry the
 * store holds of the file) when the file was first met here without an entry: index entries are
 * written after their file's entry and deleted before it ({@link ChangeStore}), so a file without
 * an entry has none, and every later write of one goes through this class. A file met with an entry
 * already held (after a restart, or once it was evicted) starts with an incomplete set, which grows
 * as entries are confirmed.
 *
 * <p>Derived from the stores like {@link RecentConfigRuns}, and kept in step the same way: only
 * {@link ChangeStore} writes those stores, and it tells this class each write; it is created with
 * its {@code ChangeStore} in the processor's {@code init}. Bounded: each file weighs one plus its
 * configurations, and past {@link #DEFAULT_BUDGET_ENTRIES} the least recently used files go.
 */
final class KnownFiles {

    /** Files plus their configurations per stream task: about 300 bytes each, so a few MiB at most. */
    static final int DEFAULT_BUDGET_ENTRIES = 16_384;

    /** A file as the stores hold it; see the class comment. */
    static final class KnownFile {
        private ChangeFile file;
        private final Set<String> configs = new HashSet<>();
        private final boolean complete;

        private KnownFile(ChangeFile file, boolean complete) {
            this.file = file;
            this.complete = complete;
        }

        /** The file's {@code change-files} entry; null while the store holds none. */
        ChangeFile file() {
            return file;
        }

        /** Whether the store is known to hold the file's index entry for {@code configKey}. */
        boolean holds(String configKey) {
            return configs.contains(configKey);
        }

        /** Whether {@link #holds} answers false only for index entries the store does not hold. */
        boolean complete() {
            return complete;
        }

        /** Whether the store holds no index entry of the file; only meaningful when {@link #complete()}. */
        boolean holdsNone() {
            return configs.isEmpty();
        }
    }

    /** File key ({@link StateKeys#file}) to the file, weighing one plus its configurations. */
    private final WeightedLru<String, KnownFile> files;

    KnownFiles(int budgetEntries) {
        this.files = WeightedLru.weighing(budgetEntries, known -> 1 + known.configs.size());
    }

    /** The file, or null when it is not here (the store may still hold it). */
    KnownFile get(String key) {
        return files.get(key);
    }

    /**
     * The file was just read from the store: {@code file} is its entry (null: none), and
     * {@code complete} whether no index entry of it can be held that this class does not know of.
     */
    KnownFile met(String key, ChangeFile file, boolean complete) {
        KnownFile known = new KnownFile(file, complete);
        files.put(key, known);
        return known;
    }

    /** The file's entry was just written. */
    void written(KnownFile known, ChangeFile file) {
        known.file = file;
    }

    /** The file's index entry for {@code configKey} is held in the store (just written, or just read). */
    void configHeld(String key, KnownFile known, String configKey) {
        if (known.configs.add(configKey) && files.get(key) == known) {
            files.reweigh(key);
        }
    }

    /** The file's index entry for {@code configKey} was just deleted. */
    void configLeft(String key, String configKey) {
        KnownFile known = files.get(key);
        if (known != null && known.configs.remove(configKey)) {
            files.reweigh(key);
        }
    }

    /** The file's entry and index entries were just deleted. */
    void forget(String key) {
        files.remove(key);
    }

    /** Files and configurations held now. */
    int size() {
        return (int) files.weight();
    }
}
