package io.chimera.insight.ingest.normalise;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what a function gave for a key, up to a number of keys; past it, answers are computed
 * afresh. For lookups a file repeats row after row (field names, file names), whose keys come from
 * untrusted files and so must not grow memory without bound. Thread-safe: readers share it.
 */
final class BoundedMemo<K, V> {

    /** Far above the distinct names a corpus uses, far below what would matter in memory. */
    static final int DEFAULT_CAPACITY = 4096;

    private final Map<K, V> remembered = new ConcurrentHashMap<>();
    private final Function<K, V> compute;
    private final int capacity;

    BoundedMemo(Function<K, V> compute) {
        this(compute, DEFAULT_CAPACITY);
    }

    BoundedMemo(Function<K, V> compute, int capacity) {
        this.compute = compute;
        this.capacity = capacity;
    }

    V get(K key) {
        V known = remembered.get(key);
        if (known != null) {
            return known;
        }
        V value = compute.apply(key);
        if (remembered.size() < capacity) {
            remembered.put(key, value);
        }
        return value;
    }
}
