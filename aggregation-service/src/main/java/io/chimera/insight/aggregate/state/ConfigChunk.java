package io.chimera.insight.aggregate.state;

import java.util.Collections;
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

    private final Set<String> configs;

    ConfigChunk() {
        this.configs = new LinkedHashSet<>();
    }

    ConfigChunk(Set<String> configs) {
        if (configs.size() > CAPACITY) {
            throw new IllegalArgumentException("a chunk holds at most " + CAPACITY + " configurations, got " + configs.size());
        }
        this.configs = new LinkedHashSet<>(configs);
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
        configs.add(configKey);
    }

    boolean remove(String configKey) {
        return configs.remove(configKey);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigChunk that && configs.equals(that.configs);
    }

    @Override
    public int hashCode() {
        return configs.hashCode();
    }

    @Override
    public String toString() {
        return "ConfigChunk" + configs;
    }
}
