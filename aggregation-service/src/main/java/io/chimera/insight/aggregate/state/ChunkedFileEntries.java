package io.chimera.insight.aggregate.state;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One file's entries in a chunked change-detection store, as the store holds them: its chunks by
 * number, each chunk's key, and the chunk each member (a run, a configuration) is in. A new member
 * goes into the last chunk, or a new one after it once that is full; one that leaves is taken from its
 * chunk, which stays, empty, until its holder deletes its entry and {@link #drop drops} it. O(1) per
 * member whatever the file holds, a chunk being bounded.
 *
 * <p>The bookkeeping shared by {@link FileChunks} (a file's points in one configuration, in
 * {@code change-runs}) and {@link FileConfigs} (a file's configurations, in
 * {@code change-file-configs}); what a chunk holds of a member is theirs.
 *
 * @param <C> the chunk: {@link PointChunk} or {@link ConfigChunk}
 */
abstract class ChunkedFileEntries<C> {

    /** The first table of a file's small maps: four slots, three members before the first resize. */
    static final int FIRST_TABLE = 4;

    private final Supplier<C> newChunk;
    private final Predicate<C> isFull;
    private final BiConsumer<C, String> removeFrom;

    /** The file's prefix in its store; each chunk's key is this and the chunk's number. */
    private final String prefix;
    private final TreeMap<Integer, C> chunks = new TreeMap<>();
    /**
     * The first chunk key built, and its number (-1 while there is none): most (configuration, file) pairs hold
     * one chunk, and a map for its one key was a map, a table and a node per pair (ChangeStoreBenchmark,
     * allocation profiled).
     */
    private String firstKey;
    private int firstKeyNumber = -1;
    /** The keys of the other chunks, built once per chunk; made at the second chunk's key. */
    private Map<Integer, String> keys;
    /**
     * Member to its chunk's number. Its first table small ({@link #FIRST_TABLE}): most (configuration, file)
     * pairs hold a few members (a sweep file's runs spread over its configurations), and a default one was a
     * sixteen-slot table per pair (ChangeStoreBenchmark, allocation profiled); a pair that grows past it pays
     * two small resizes more.
     */
    private final Map<String, Integer> chunkOf = new HashMap<>(FIRST_TABLE);
    /** Chunks that lost a duplicate member as they were read; null while none did (most reads). */
    private Set<Integer> deduplicated;

    /**
     * @param newChunk   a chunk with nothing in it yet
     * @param isFull     whether a chunk takes no new member
     * @param removeFrom takes a member out of a chunk
     */
    ChunkedFileEntries(String prefix, Supplier<C> newChunk, Predicate<C> isFull, BiConsumer<C, String> removeFrom) {
        this.prefix = prefix;
        this.newChunk = newChunk;
        this.isFull = isFull;
        this.removeFrom = removeFrom;
    }

    /** The file's prefix in its store. */
    final String prefix() {
        return prefix;
    }

    /**
     * A chunk as read from the store, with its members. A member an earlier chunk holds too (possible
     * only where members were added to a file's tail without the whole file at hand: see
     * {@link FileChunks#tail}) is taken out of that chunk, whose number is then in {@link #deduplicated}:
     * the chunk read later, a later write, keeps it, so a member is in one chunk again.
     */
    final void loaded(int number, C chunk, Collection<String> members) {
        chunks.put(number, chunk);
        for (String member : members) {
            Integer before = chunkOf.put(member, number);
            if (before != null && before != number) {
                removeFrom.accept(chunks.get(before), member);
                if (deduplicated == null) {
                    deduplicated = new TreeSet<>();
                }
                deduplicated.add(before);
            }
        }
    }

    /** The chunks that lost a member held by a later one as they were read (none: empty); their holder writes them again. */
    final Set<Integer> deduplicated() {
        return deduplicated == null ? Set.of() : deduplicated;
    }

    /** Members held, over every chunk. */
    final int size() {
        return chunkOf.size();
    }

    final boolean holds(String member) {
        return chunkOf.containsKey(member);
    }

    /**
     * The number of the chunk the member is to be put in: the one that holds it, else the last chunk,
     * else (none, or the last full) a new one after it. The caller puts the member there.
     */
    final int chunkFor(String member) {
        Integer number = chunkOf.get(member);
        if (number == null) {
            // lastKey and get rather than lastEntry, which copies the entry out (an object per new member).
            Integer last = chunks.isEmpty() ? null : chunks.lastKey();
            if (last != null && !isFull.test(chunks.get(last))) {
                number = last;
            } else {
                number = last == null ? 0 : last + 1;
                chunks.put(number, newChunk.get());
            }
            chunkOf.put(member, number);
        }
        return number;
    }

    /** Removes the member; the number of the chunk that held it, or -1. An emptied chunk stays until {@link #drop}. */
    final int remove(String member) {
        Integer number = chunkOf.remove(member);
        if (number == null) {
            return -1;
        }
        removeFrom.accept(chunks.get(number), member);
        return number;
    }

    final C chunk(int number) {
        return chunks.get(number);
    }

    /** The chunk of that number, a new empty one if the file has none (it follows or precedes the others by its number). */
    final C chunkOrNew(int number) {
        return chunks.computeIfAbsent(number, n -> newChunk.get());
    }

    /** Forgets an emptied chunk (its entry deleted). */
    final void drop(int number) {
        chunks.remove(number);
        if (number == firstKeyNumber) {
            firstKey = null;
            firstKeyNumber = -1;
        } else if (keys != null) {
            keys.remove(number);
        }
    }

    /** The chunk's key in the store, built once per chunk. */
    final String key(int number) {
        if (number == firstKeyNumber) {
            return firstKey;
        }
        String key = keys == null ? null : keys.get(number);
        if (key == null) {
            key = StateKeys.pointChunk(prefix, number);
            if (firstKey == null) {
                firstKey = key;
                firstKeyNumber = number;
            } else {
                // A get and a put rather than computeIfAbsent: its lambda captures the prefix, an object per call.
                if (keys == null) {
                    keys = new HashMap<>(FIRST_TABLE);
                }
                keys.put(number, key);
            }
        }
        return key;
    }

    /** Chunks held. */
    final int count() {
        return chunks.size();
    }

    /** The last chunk's number; -1 when there is none. */
    final int lastNumber() {
        return chunks.isEmpty() ? -1 : chunks.lastKey();
    }

    /** The chunks by number, in number order (not to be modified). */
    final Map<Integer, C> chunks() {
        return Collections.unmodifiableSortedMap(chunks);
    }
}
