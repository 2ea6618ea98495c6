package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.memory.WeightedLru;
import io.chimera.insight.aggregate.statistics.ConfigAggregate;

/**
 * The (model, file, config) entries a task wrote last, as objects, so that the next run of the
 * same entry does not decode it from the store again (its sketches included): a file's runs come
 * one after the other, so most runs find their entry here. Measured before: decoding entries was a
 * tenth of the stream thread.
 *
 * <p>Derived from the store like the running aggregates, and kept in step the same way: every
 * write of an entry goes through {@link AggregateStore}, which puts the written object here and
 * removes the entries it deletes; the processor creates a new one in {@code init}. Bounded: the
 * least recently used entry goes first.
 *
 * <p>This spares the decode of an entry; the topology's store spares its encode: the entry store is
 * written behind ({@link WriteBehindStore}), so a put keeps the object and the entry is encoded once
 * per commit, not once per run.
 */
public final class RecentEntries {

    /** Enough for the configurations of several files in flight; an entry is a few KiB. */
    static final int DEFAULT_CAPACITY = 512;

    private final WeightedLru<String, ConfigAggregate> entries;

    RecentEntries(int capacity) {
        this.entries = WeightedLru.counting(capacity);
    }

    /** The entry as last written under {@code key}, or null when it is not here (it may still be in the store). */
    ConfigAggregate get(String key) {
        return entries.get(key);
    }

    /** {@code entry} was just written to the store under {@code key}. */
    void written(String key, ConfigAggregate entry) {
        entries.put(key, entry);
    }

    /** The entry under {@code key} was deleted from the store. */
    void deleted(String key) {
        entries.remove(key);
    }
}
