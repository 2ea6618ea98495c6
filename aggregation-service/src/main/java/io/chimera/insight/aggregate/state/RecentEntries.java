package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.ConfigAggregate;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** In access order: the first is the least recently used. */
    private final Map<String, ConfigAggregate> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final int capacity;

    RecentEntries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** The entry as last written under {@code key}, or null when it is not here (it may still be in the store). */
    ConfigAggregate get(String key) {
        return entries.get(key);
    }

    /** {@code entry} was just written to the store under {@code key}. */
    void written(String key, ConfigAggregate entry) {
        entries.put(key, entry);
        if (entries.size() > capacity) {
            Iterator<String> leastRecent = entries.keySet().iterator();
            leastRecent.next();
            leastRecent.remove();
        }
    }

    /** The entry under {@code key} was deleted from the store. */
    void deleted(String key) {
        entries.remove(key);
    }
}
