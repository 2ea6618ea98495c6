package io.chimera.insight.aggregate.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Every {@link ConfigChunk} of one file of a model, as {@code change-file-configs} holds them, with
 * the chunk each configuration is in: the configurations the file has points in, all of them (read
 * with one prefix scan of the file's entries, or known from the file's first run). A new
 * configuration goes into the last chunk, or a new one once that is full; one the file leaves is taken
 * from its chunk. The {@link FileChunks} of the index, as a file's configurations are a set where its
 * points are a map.
 */
final class FileConfigs {

    /** The file's prefix in {@code change-file-configs}: {@link StateKeys#filePrefix}. */
    private final String prefix;
    private final TreeMap<Integer, ConfigChunk> chunks = new TreeMap<>();
    private final Map<Integer, String> keys = new HashMap<>();
    private final Map<String, Integer> chunkOf = new HashMap<>();

    FileConfigs(String prefix) {
        this.prefix = prefix;
    }

    /** A chunk as read from the store. */
    void loaded(int number, ConfigChunk chunk) {
        chunks.put(number, chunk);
        chunk.configs().forEach(configKey -> chunkOf.put(configKey, number));
    }

    int size() {
        return chunkOf.size();
    }

    boolean holds(String configKey) {
        return chunkOf.containsKey(configKey);
    }

    /** Adds the configuration (not held): to the last chunk, or a new one after it; the chunk's number. */
    int add(String configKey) {
        Map.Entry<Integer, ConfigChunk> last = chunks.lastEntry();
        int number;
        if (last != null && !last.getValue().isFull()) {
            number = last.getKey();
        } else {
            number = last == null ? 0 : last.getKey() + 1;
            chunks.put(number, new ConfigChunk());
        }
        chunks.get(number).add(configKey);
        chunkOf.put(configKey, number);
        return number;
    }

    /** Removes the configuration; the number of the chunk that held it, or -1. An emptied chunk stays until {@link #drop}. */
    int remove(String configKey) {
        Integer number = chunkOf.remove(configKey);
        if (number == null) {
            return -1;
        }
        chunks.get(number).remove(configKey);
        return number;
    }

    ConfigChunk chunk(int number) {
        return chunks.get(number);
    }

    /** Forgets an emptied chunk (its entry deleted). */
    void drop(int number) {
        chunks.remove(number);
        keys.remove(number);
    }

    /** The chunk's {@code change-file-configs} key, built once per chunk. */
    String key(int number) {
        return keys.computeIfAbsent(number, n -> StateKeys.pointChunk(prefix, n));
    }

    /** The configurations, chunk by chunk, each in the order it was added. */
    List<String> configs() {
        List<String> configs = new ArrayList<>(chunkOf.size());
        chunks.values().forEach(chunk -> configs.addAll(chunk.configs()));
        return configs;
    }

    /** Each chunk's number, in order. */
    void forEachChunk(IntConsumer action) {
        new ArrayList<>(chunks.keySet()).forEach(action::accept);
    }
}
