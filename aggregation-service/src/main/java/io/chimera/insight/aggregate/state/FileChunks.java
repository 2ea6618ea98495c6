package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.RunPoint;
import java.util.function.BiConsumer;

/**
 * Every {@link PointChunk} of one file in one configuration, as the store holds them, with the chunk
 * each run's point is in: what {@link ChangeStore} adds a run to (the last chunk, or a new one once it
 * is full), takes the history bound's drops from, and drops whole with a replaced file. Held by
 * {@link ChangeStore} for the files written lately, read from the store (one prefix scan) otherwise.
 */
final class FileChunks extends ChunkedFileEntries<PointChunk> {

    /** Whether every chunk of the file is here, or only its last ({@link #tail}). */
    private final boolean whole;

    /** @param prefix the file's prefix in {@code change-runs} ({@link StateKeys#filePointsPrefix}) */
    FileChunks(String prefix) {
        this(prefix, true);
    }

    private FileChunks(String prefix, boolean whole) {
        super(prefix, PointChunk::new, PointChunk::isFull, PointChunk::remove);
        this.whole = whole;
    }

    /**
     * The file's last chunk alone, to add runs to: a file with many runs in one configuration (a
     * 60 MB CSV holds millions) is not held whole, and reading all its chunks again at each run made
     * its ingest quadratic. A run added to the tail is not looked for in the earlier chunks: a file
     * version's run ids are unique (ingest publishes each version once, each run id once), and should
     * one come again all the same, the next whole read keeps the later copy alone
     * ({@link #deduplicated}).
     */
    FileChunks tail() {
        int last = lastNumber();
        return last < 0 ? new FileChunks(prefix(), false) : tailOf(prefix(), last, chunk(last));
    }

    /** The tail of the file whose last chunk, {@code number}, is {@code chunk} (read from the store). */
    static FileChunks tailOf(String prefix, int number, PointChunk chunk) {
        FileChunks tail = new FileChunks(prefix, false);
        tail.loaded(number, chunk);
        return tail;
    }

    /** Whether every chunk of the file is here (else only its last: {@link #tail}). */
    boolean whole() {
        return whole;
    }

    /** A chunk as read from the store. */
    void loaded(int number, PointChunk chunk) {
        loaded(number, chunk, chunk.byRun().keySet());
    }

    /** Points held, over every chunk. */
    int points() {
        return size();
    }

    /**
     * Puts the run's point: into the chunk that holds the run, else into the last chunk, else (none,
     * or the last full) into a new one after it. Returns the chunk's number: O(1) whatever the file's
     * runs, a chunk being bounded.
     */
    int put(String runId, RunPoint point) {
        int number = chunkFor(runId);
        chunk(number).put(runId, point);
        return number;
    }

    /** Each chunk's number and chunk, in number order. */
    void forEachChunk(BiConsumer<Integer, PointChunk> action) {
        chunks().forEach(action);
    }
}
