package io.chimera.insight.bench.jmh;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store of string keys in a sorted map, for benchmarks that drive the aggregation's state
 * classes without Kafka Streams: no serialisation, no cache, no changelog, so what they measure is the
 * aggregation's own work. Only what those classes call is there (get, put, delete, all, a prefix scan).
 */
final class MapStore<V> implements KeyValueStore<String, V> {

    private final NavigableMap<String, V> entries = new TreeMap<>();

    @Override
    public void put(String key, V value) {
        if (value == null) {
            entries.remove(key);
        } else {
            entries.put(key, value);
        }
    }

    @Override
    public V putIfAbsent(String key, V value) {
        return entries.putIfAbsent(key, value);
    }

    @Override
    public void putAll(List<KeyValue<String, V>> all) {
        all.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(String key) {
        return entries.remove(key);
    }

    @Override
    public V get(String key) {
        return entries.get(key);
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        return iterator(entries.subMap(from, true, to, true));
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return iterator(entries);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
        String start = (String) prefix;
        return iterator(entries.subMap(start, true, start + Character.MAX_VALUE, false));
    }

    @Override
    public long approximateNumEntries() {
        return entries.size();
    }

    /** A copy of {@code view}'s entries: callers write to the store while they iterate. */
    private static <V> KeyValueIterator<String, V> iterator(Map<String, V> view) {
        List<KeyValue<String, V>> copy = new ArrayList<>(view.size());
        view.forEach((key, value) -> copy.add(KeyValue.pair(key, value)));
        Iterator<KeyValue<String, V>> it = copy.iterator();
        return new KeyValueIterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<String, V> next() {
                next++;
                return it.next();
            }

            @Override
            public String peekNextKey() {
                return next < copy.size() ? copy.get(next).key : null;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String name() {
        return "map-store";
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return true;
    }
}
