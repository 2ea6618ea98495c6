package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import java.util.Collections;
import java.util.Objects;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Up to {@link #CAPACITY} of the configurations one file of a model has points in: one
 * {@code change-file-configs} entry (key {@link StateKeys#pointChunk} after the file's prefix), the
 * index that finds a file's points without reading the rest of the model's history. A file's
 * configurations fill its chunks one after the other, and the store is written behind
 * ({@link WriteBehindStore}), so the configurations a file meets within a commit cost one write,
 * where an entry per (file, configuration) cost one each (about 0.44 changelog records per run in
 * the bench's corpus, as many as the points' chunks); and no entry grows with a sweep file (a list in
 * one entry was rewritten whole for each new configuration: gigabytes of changelog at 20,000).
 *
 * <p>A file's first chunk (number {@link #FIRST}) also holds the file version's own fields
 * ({@link ChangeFile}: sha256 and path), which had an entry of their own in {@code change-files}, one
 * more changelogged write per file: the first chunk is written in the same commit as the file's first
 * run anyway, so the fields cost no record of their own. The first chunk stays while the file has any
 * configuration, empty if need be, and leaves with the file.
 *
 * <p>Mutable, and touched only by {@link ChangeStore} on the task's stream thread: a change is
 * followed by a put of the chunk, so the write-behind layer writes it back at the next commit.
 */
public final class ConfigChunk {

    /**
     * Configurations per chunk at most. A config key is tens of bytes, so a full chunk is a few KiB;
     * most files have 1 to 3 configurations (one chunk, written once), a sweep file thousands (one
     * record per 64, the last rewritten at each commit that adds to it).
     */
    static final int CAPACITY = 64;

    /** The number of a file's first chunk, the one that holds the file's fields. */
    static final int FIRST = 0;

    /** A config key's bytes with its length as guessed for a chunk built whole: the room grows if they are longer. */
    private static final int KEY_BYTES_GUESS = 64;

    private final Set<String> configs;
    /** The file version's fields: held by a file's {@link #FIRST} chunk alone (null in the others). */
    private ChangeFile file;
    /**
     * The config keys' bytes as {@link ConfigChunkCodec} writes them after the count, appended as each is
     * added, while its key is in the processor's caches (see {@code PointChunk.encoded}: at the commit the
     * set's nodes and the keys had left them), from the chunk's first configuration on. Null where they are to be
     * built whole at the next encode ({@link #encodedConfigs}): a chunk read from the store, or one that lost a
     * configuration.
     */
    private StateOutput encoded;

    ConfigChunk() {
        this.configs = new LinkedHashSet<>();
    }

    ConfigChunk(Set<String> configs) {
        this(configs, null);
    }

    ConfigChunk(Set<String> configs, ChangeFile file) {
        if (configs.size() > CAPACITY) {
            throw new IllegalArgumentException("a chunk holds at most " + CAPACITY + " configurations, got " + configs.size());
        }
        this.configs = new LinkedHashSet<>(configs);
        this.file = file;
    }

    /** The file version's fields, held by the file's first chunk; null in the others (and in chunks written before 2026-12-06). */
    ChangeFile file() {
        return file;
    }

    void file(ChangeFile file) {
        this.file = file;
    }

    /** The config keys, in the order they were added (not to be modified). */
    Set<String> configs() {
        return Collections.unmodifiableSet(configs);
    }

    boolean isEmpty() {
        return configs.isEmpty();
    }

    boolean isFull() {
        return configs.size() >= CAPACITY;
    }

    void add(String configKey) {
        if (isFull() && !configs.contains(configKey)) {
            throw new IllegalStateException("chunk full: " + CAPACITY + " configurations");
        }
        if (!configs.add(configKey)) {
            return;
        }
        if (configs.size() == 1) {
            encoded = new StateOutput(Integer.BYTES + configKey.length()); // no other key: the bytes start here
        }
        if (encoded != null) {
            encoded.writeString(configKey);
        }
    }

    boolean remove(String configKey) {
        if (!configs.remove(configKey)) {
            return false;
        }
        encoded = null;
        return true;
    }

    /** The config keys' bytes after the count, as {@link ConfigChunkCodec} writes them ({@link #encoded}). */
    StateOutput encodedConfigs() {
        if (encoded == null) {
            StateOutput whole = new StateOutput(configs.size() * KEY_BYTES_GUESS);
            configs.forEach(whole::writeString);
            encoded = whole;
        }
        return encoded;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigChunk that && configs.equals(that.configs) && Objects.equals(file, that.file);
    }

    @Override
    public int hashCode() {
        return configs.hashCode() * 31 + Objects.hashCode(file);
    }

    @Override
    public String toString() {
        return "ConfigChunk" + configs + (file == null ? "" : " " + file);
    }
}
