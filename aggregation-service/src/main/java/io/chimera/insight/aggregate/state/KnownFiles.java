package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.memory.WeightedLru;
import io.chimera.insight.aggregate.statistics.ChangeFile;

/**
 * The change-detection files (their index chunks in {@code change-file-configs}, the first holding the
 * file version's fields) a task met lately, so that a run of a file already kept costs no store
 * read, and an evaluation reads no file entry: runs of many files arrive interleaved on a partition
 * (ingest's parallel readers share transactions), so remembering the one file written last read and
 * wrote the file's entry again at nearly every run (profiled in the bench).
 *
 * <p>Per file: its index chunks, every configuration the file has points in, the first chunk holding
 * the file's fields ({@link FileConfigs}): read with one prefix scan of the file's index entries when
 * the file is met with a first chunk, and none read when it is met without one (a file's first chunk
 * is written with its first configuration, and deleted with its last, {@link ChangeStore}).
 *
 * <p>Derived from the stores, and kept in step: only {@link ChangeStore} writes those stores, and
 * it tells this class each write; it is created with its {@code ChangeStore} in the processor's
 * {@code init}. Bounded: each file weighs one plus its configurations, and past
 * {@link #DEFAULT_BUDGET_ENTRIES} the least recently used files go (their chunks are in the store:
 * each change is put there as it is made).
 */
final class KnownFiles {

    /** Files plus their configurations per stream task: about 300 bytes each, so a few MiB at most. */
    static final int DEFAULT_BUDGET_ENTRIES = 16_384;

    /** A file as the stores hold it; see the class comment. */
    static final class KnownFile {
        private final FileConfigs configs;

        private KnownFile(FileConfigs configs) {
            this.configs = configs;
        }

        /** The file's fields, from its first index chunk; null while the store holds none. */
        ChangeFile file() {
            return configs.file();
        }

        /** The file's index chunks: every configuration it has points in. */
        FileConfigs configs() {
            return configs;
        }
    }

    /** File key ({@link StateKeys#file}) to the file, weighing one plus its configurations. */
    private final WeightedLru<String, KnownFile> files;

    KnownFiles(int budgetEntries) {
        // Never the file just used: a sweep file with more configurations than the budget stays held alone (its
        // chunks were read or written anyway), rather than being read again, every chunk of its index, at each run.
        this.files = WeightedLru.keepingNewest(budgetEntries, known -> 1 + known.configs.size());
    }

    /** The file, or null when it is not here (the store may still hold it). */
    KnownFile get(String key) {
        return files.get(key);
    }

    /** The file was just read from the store: {@code configs} are its index chunks (none: a file new to it). */
    KnownFile met(String key, FileConfigs configs) {
        KnownFile known = new KnownFile(configs);
        files.put(key, known);
        return known;
    }

    /** The file's chunks just got one more configuration. */
    void configAdded(String key, KnownFile known) {
        if (files.get(key) == known) {
            files.reweigh(key);
        }
    }

    /** The file's chunks just lost one configuration. */
    void configLeft(String key, KnownFile known) {
        if (files.get(key) == known) {
            files.reweigh(key);
        }
    }

    /** The file's index entries were just deleted. */
    void forget(String key) {
        files.remove(key);
    }

    /** Files and configurations held now. */
    int size() {
        return (int) files.weight();
    }
}
