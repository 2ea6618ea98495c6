package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.RunPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Up to {@link #CAPACITY} run points of one file in one configuration of a model, by run id: one
 * {@code change-runs} entry (key {@link StateKeys#pointChunk}). A file's runs in a configuration fill
 * its chunks one after the other, so that the runs of a file that arrive within a commit add to one
 * chunk, written back (encoded and changelogged) once at the commit ({@link WriteBehindStore}), where
 * an entry per run cost a changelogged write per run; and no entry grows with the file: an entry
 * holding a file's every point in a configuration was rewritten whole by each run, a cost quadratic in
 * the file's runs (docs/benchmarks.md, "Change detection's cost", branch {@code det5}).
 *
 * <p>Mutable, and touched only by {@link ChangeStore} on the task's stream thread: a change is
 * followed by a put of the chunk, so the write-behind layer writes it back at the next commit.
 */
public final class PointChunk {

    /**
     * Points per chunk at most. A chunk is encoded whole at each commit that changed it (about 49 bytes
     * a point plus its run id, so 2–3 KiB full): a file's runs arriving one per commit re-encode at
     * most this many points each, while a file whose runs arrive together writes one record per this
     * many runs. 32 keeps the first small and the second a few percent of one record per run.
     */
    public static final int CAPACITY = 32;

    /**
     * The run id under which a point of the earlier layout (one {@code change-runs} entry per run,
     * format 1, the run id in its key) is read: the reader takes the id from the key.
     */
    static final String ID_IN_KEY = "";

    /** A point's bytes but its run id's own: the id's length, then the point ({@link RunPointCodec#POINT_BYTES}). */
    private static final int POINT_BYTES = Integer.BYTES + RunPointCodec.POINT_BYTES;
    /** A run id's bytes as guessed for a chunk built whole: the room grows if they are longer. */
    private static final int RUN_ID_BYTES_GUESS = 40;

    private final Map<String, RunPoint> byRun;
    /**
     * The points' bytes as {@link PointChunkCodec} writes them after the count (each run id, then its point, in
     * {@link #byRun}'s order), appended as each run's point is put, from the chunk's first point on (made then,
     * the size of that point: most chunks hold a few). Null where they are to be built whole at the next encode
     * ({@link #encodedPoints}): a chunk read from the store, or one whose point was replaced (the run keeps its
     * place in the map) or removed, as their bytes sit inside.
     *
     * <p>Why: a chunk is encoded at each commit that changed it, and by then its points have left the
     * processor's caches (a commit interval's records allocate tens of megabytes): walking the map, its nodes, the
     * points and their run ids missed the cache at every object. Encoding the chunks was then 2.4 % of the stream
     * thread's samples with detection on, the largest part of what detection cost a commit (JFR of bench row 15's
     * pairs; 0.4 % after, and the put with its append 0.6 %, 0.1 % before). About 90 bytes more per point held.
     */
    private StateOutput encoded;

    public PointChunk() {
        // A small first table, as a file's other maps ({@link ChunkedFileEntries#FIRST_TABLE}): most chunks hold
        // a few points (a sweep file's runs spread over its configurations); a full one pays two small resizes more.
        this.byRun = new LinkedHashMap<>(ChunkedFileEntries.FIRST_TABLE);
    }

    PointChunk(Map<String, RunPoint> byRun) {
        if (byRun.size() > CAPACITY) {
            throw new IllegalArgumentException("a chunk holds at most " + CAPACITY + " points, got " + byRun.size());
        }
        this.byRun = new LinkedHashMap<>(byRun);
    }

    /** A point read in the earlier, one-entry-per-run layout (see {@link #ID_IN_KEY}). */
    static PointChunk earlier(RunPoint point) {
        return new PointChunk(Map.of(ID_IN_KEY, point));
    }

    /** Run id to point, in the order they were added (not to be modified). */
    public Map<String, RunPoint> byRun() {
        return Collections.unmodifiableMap(byRun);
    }

    public int size() {
        return byRun.size();
    }

    boolean isEmpty() {
        return byRun.isEmpty();
    }

    boolean isFull() {
        return byRun.size() >= CAPACITY;
    }

    /** Puts the run's point; a chunk that is full takes only runs it holds (their point replaced). */
    void put(String runId, RunPoint point) {
        if (isFull() && !byRun.containsKey(runId)) {
            throw new IllegalStateException("chunk full: " + CAPACITY + " points");
        }
        if (byRun.put(runId, point) != null) {
            encoded = null; // the run keeps its place in the map: its bytes change in the middle
            return;
        }
        if (byRun.size() == 1) {
            encoded = new StateOutput(POINT_BYTES + runId.length()); // no other point: the bytes start here
        }
        if (encoded != null) {
            append(encoded, runId, point);
        }
    }

    /** The points' bytes after the count, as {@link PointChunkCodec} writes them ({@link #encoded}). */
    StateOutput encodedPoints() {
        if (encoded == null) {
            StateOutput whole = new StateOutput(byRun.size() * (POINT_BYTES + RUN_ID_BYTES_GUESS));
            byRun.forEach((runId, point) -> append(whole, runId, point));
            encoded = whole;
        }
        return encoded;
    }

    /** One point's bytes: its run id, then the point ({@link RunPointCodec}). */
    private static void append(StateOutput out, String runId, RunPoint point) {
        out.writeString(runId);
        try {
            RunPointCodec.writePoint(out, point);
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory output cannot fail", e);
        }
    }

    /** Removes the run's point; whether the chunk held it. */
    boolean remove(String runId) {
        if (byRun.remove(runId) == null) {
            return false;
        }
        encoded = null;
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PointChunk that && byRun.equals(that.byRun);
    }

    @Override
    public int hashCode() {
        return byRun.hashCode();
    }

    @Override
    public String toString() {
        return "PointChunk" + byRun;
    }
}
