package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.RunPoint;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Every {@link PointChunk} of one file in one configuration, as the store holds them, with the chunk
 * each run's point is in: what {@link ChangeStore} adds a run to (the last chunk, or a new one once it
 * is full), takes the history bound's drops from, and drops whole with a replaced file. Held by
 * {@link ChangeStore} for the files written lately, read from the store (one prefix scan) otherwise.
 */
final class FileChunks {

    /** The file's prefix in {@code change-runs} ({@link StateKeys#filePointsPrefix}). */
    private final String prefix;
    private final TreeMap<Integer, PointChunk> chunks = new TreeMap<>();
    private final Map<Integer, String> keys = new HashMap<>();
    private final Map<String, Integer> chunkOf = new HashMap<>();

    FileChunks(String prefix) {
        this.prefix = prefix;
    }

    /** The file's prefix in {@code change-runs}. */
    String prefix() {
        return prefix;
    }

    /** A chunk as read from the store. */
    void loaded(int number, PointChunk chunk) {
        chunks.put(number, chunk);
        chunk.byRun().keySet().forEach(runId -> chunkOf.put(runId, number));
    }

    /** Points held, over every chunk. */
    int points() {
        return chunkOf.size();
    }

    boolean holds(String runId) {
        return chunkOf.containsKey(runId);
    }

    /**
     * Puts the run's point: into the chunk that holds the run, else into the last chunk, else (none,
     * or the last full) into a new one after it. Returns the chunk's number: O(1) whatever the file's
     * runs, a chunk being bounded.
     */
    int put(String runId, RunPoint point) {
        Integer number = chunkOf.get(runId);
        if (number == null) {
            Map.Entry<Integer, PointChunk> last = chunks.lastEntry();
            if (last != null && !last.getValue().isFull()) {
                number = last.getKey();
            } else {
                number = last == null ? 0 : last.getKey() + 1;
                chunks.put(number, new PointChunk());
            }
            chunkOf.put(runId, number);
        }
        chunks.get(number).put(runId, point);
        return number;
    }

    /** Removes the run's point; the number of the chunk that held it, or -1. An emptied chunk stays until {@link #drop}. */
    int remove(String runId) {
        Integer number = chunkOf.remove(runId);
        if (number == null) {
            return -1;
        }
        chunks.get(number).remove(runId);
        return number;
    }

    PointChunk chunk(int number) {
        return chunks.get(number);
    }

    /** Forgets an emptied chunk (its entry deleted). */
    void drop(int number) {
        chunks.remove(number);
        keys.remove(number);
    }

    /** The chunk's {@code change-runs} key, built once per chunk. */
    String key(int number) {
        return keys.computeIfAbsent(number, n -> StateKeys.pointChunk(prefix, n));
    }

    /** Each chunk's number and chunk, in number order. */
    void forEachChunk(BiConsumer<Integer, PointChunk> action) {
        chunks.forEach(action);
    }
}
