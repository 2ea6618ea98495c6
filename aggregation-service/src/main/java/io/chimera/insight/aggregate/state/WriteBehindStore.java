package io.chimera.insight.aggregate.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The outermost layer of a store whose values are rewritten run after run (the aggregation's
 * configuration entries): a put keeps the value object, and it is encoded and put into the store
 * beneath (Streams' metered, caching and logging layers) once, when Streams flushes the caches
 * before it commits, not on every put. A file's runs come one after the other and each rewrites
 * its configuration's entry; with the record cache alone each of those puts encoded the whole
 * entry, its sketches included, to have the cache keep only the last bytes.
 *
 * <p><b>Inside the transaction.</b> In Kafka Streams 4.1.1 a commit is
 * {@code TaskManager.commitTasksAndMaybeUpdateCommittableOffsets}: {@code task.prepareCommit(true)}
 * for each task, then {@code TaskExecutor.commitOffsetsOrTransaction}, then {@code task.postCommit}.
 * {@code StreamTask.prepareCommit} calls its {@code flush()}, which is
 * {@code stateMgr.flushCache(); recordCollector.flush();}, and
 * {@code ProcessorStateManager.flushCache()} calls {@link #flushCache()} on every registered store
 * that is a {@code CachedStateStore} (the outermost layer, this one). So what this layer puts in
 * {@link #flushCache()} reaches the cache, the changelog records and the producer before the
 * transaction commits, in the same transaction as the input offsets it came from. Not in
 * {@link #flush()}: {@code ProcessorStateManager.flush()} runs from {@code postCommit}'s checkpoint,
 * after the commit (checked in the 4.1.1 jar's bytecode and in the sources of
 * {@code StreamTask}, {@code ProcessorStateManager} and {@code TaskManager}). A task closed dirty
 * (an aborted transaction, a fenced producer) is {@link #close() closed} without a commit: what
 * was not written back is dropped with the rest of the task's memory, and the store is restored
 * from its changelog, the last committed state, as with the record cache.
 *
 * <p>Deletes are kept the same way, until the same flush (see {@link #delete}).
 *
 * <p><b>Reads.</b> The thread that writes (the task's stream thread, the only writer) reads its
 * own values first: a get returns the object put, undecoded (null for a key it deleted), and a range,
 * prefix or full scan returns the store's entries with the kept puts and deletes laid over them, in
 * the store's order, without writing anything back: an entry is written beneath once per commit,
 * whatever was scanned meanwhile (a model rebuilt from its entries, a replaced file's entries
 * dropped, each tick's scan of the pending models). Any other thread (interactive queries) reads the store
 * beneath alone and never touches the values kept here, which that thread goes on changing: it
 * sees the entries as of the last flush (at most a commit interval old; the committed state, or a
 * later one about to be committed).
 */
public final class WriteBehindStore<V> extends WrappedStateStore<KeyValueStore<String, V>, String, V>
        implements KeyValueStore<String, V> {

    /**
     * Values put and not yet written to the store beneath, and (as null) keys deleted and not yet
     * deleted beneath; touched only by {@link #writer}.
     */
    private final Map<String, V> unwritten = new HashMap<>();
    /** The thread that put last: the task's stream thread. */
    private volatile Thread writer;

    public WriteBehindStore(KeyValueStore<String, V> inner) {
        super(inner);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        unwritten.clear();
        super.init(context, root);
    }

    @Override
    public void put(String key, V value) {
        ownedByThisThread();
        if (value == null) {
            delete(key);
        } else {
            unwritten.put(key, value);
        }
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        for (KeyValue<String, V> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    /**
     * Deleted behind too: the store beneath and its changelog get the delete at the next flush, unless a
     * put of the same key comes first (an entry deleted and written again within a commit is one record,
     * as the record cache made it), and not at all when the store beneath does not hold the key.
     */
    @Override
    public V delete(String key) {
        ownedByThisThread();
        boolean known = unwritten.containsKey(key);
        V kept = unwritten.get(key);
        V stored = wrapped().get(key);
        if (stored == null) {
            unwritten.remove(key);
        } else {
            unwritten.put(key, null);
        }
        return known ? kept : stored;
    }

    @Override
    public V get(String key) {
        if (isWriter()) {
            V kept = unwritten.get(key);
            if (kept != null || unwritten.containsKey(key)) {
                return kept;
            }
        }
        return wrapped().get(key);
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        return isWriter() ? merged(wrapped().range(from, to), key -> within(key, from, to), false)
                : wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<String, V> reverseRange(String from, String to) {
        return isWriter() ? merged(wrapped().reverseRange(from, to), key -> within(key, from, to), true)
                : wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return isWriter() ? merged(wrapped().all(), key -> true, false) : wrapped().all();
    }

    @Override
    public KeyValueIterator<String, V> reverseAll() {
        return isWriter() ? merged(wrapped().reverseAll(), key -> true, true) : wrapped().reverseAll();
    }

    /** A String prefix (every caller's) is merged like a range; any other kind of prefix writes the kept values back first. */
    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
        if (isWriter() && prefix instanceof String start) {
            return merged(wrapped().prefixScan(prefix, prefixKeySerializer), key -> key.startsWith(start), false);
        }
        writeBackIfWriter();
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries() + (isWriter() ? unwritten.size() : 0);
    }

    /** Before the commit (see the class comment): the kept values go into the store beneath, then its cache is flushed. */
    @Override
    public void flushCache() {
        writeBack();
        super.flushCache();
    }

    /** Also writes back: a flush is asked for the state to be in the store. */
    @Override
    public void flush() {
        writeBack();
        super.flush();
    }

    /** The task's state manager clears the caches of a recycled task: what was kept here goes with them. */
    @Override
    public void clearCache() {
        unwritten.clear();
        super.clearCache();
    }

    /** Closed clean, the task committed first (and so flushed); closed dirty, nothing kept may survive. */
    @Override
    public void close() {
        unwritten.clear();
        super.close();
    }

    /** How many values are kept and not yet written back (for tests and the bench). */
    int unwrittenCount() {
        return unwritten.size();
    }

    /**
     * The store's entries that {@code beneath} iterates over, with the kept puts and deletes of the keys
     * {@code inScope} laid over them, in the store's order ({@link #STORE_ORDER}): read as the store
     * will be once they are written back, without writing them back before the commit's flush (which
     * would write an entry still being rewritten twice in one commit). Copied out: the callers read
     * every entry they scan anyway.
     */
    private KeyValueIterator<String, V> merged(KeyValueIterator<String, V> beneath, Predicate<String> inScope,
                                               boolean reverse) {
        if (unwritten.isEmpty()) {
            return beneath;
        }
        TreeMap<String, V> view = new TreeMap<>(STORE_ORDER);
        try (beneath) {
            beneath.forEachRemaining(entry -> view.put(entry.key, entry.value));
        }
        unwritten.forEach((key, value) -> {
            if (inScope.test(key)) {
                if (value == null) {
                    view.remove(key);
                } else {
                    view.put(key, value);
                }
            }
        });
        List<KeyValue<String, V>> entries = new ArrayList<>(view.size());
        (reverse ? view.descendingMap() : view).forEach((key, value) -> entries.add(KeyValue.pair(key, value)));
        return new ListIterator<>(entries);
    }

    /** Inclusive at both ends, an end that is null unbounded, as {@link KeyValueStore#range} is. */
    private static boolean within(String key, String from, String to) {
        return (from == null || STORE_ORDER.compare(from, key) <= 0) && (to == null || STORE_ORDER.compare(key, to) <= 0);
    }

    /**
     * The order of the keys' UTF-8 bytes (as {@code Serdes.String()} writes them, and every store
     * orders them), which is the order of their code points: {@link String#compareTo} compares UTF-16
     * units, which puts a supplementary character before U+E000..U+FFFF.
     */
    static final Comparator<String> STORE_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    /** Over entries copied out. */
    private static final class ListIterator<V> implements KeyValueIterator<String, V> {
        private final List<KeyValue<String, V>> entries;
        private int next;

        private ListIterator(List<KeyValue<String, V>> entries) {
            this.entries = entries;
        }

        @Override
        public boolean hasNext() {
            return next < entries.size();
        }

        @Override
        public KeyValue<String, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return entries.get(next++);
        }

        @Override
        public String peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return entries.get(next).key;
        }

        @Override
        public void close() {
        }
    }

    private void writeBackIfWriter() {
        if (isWriter()) {
            writeBack();
        }
    }

    /** Puts and deletes alike: a null value put beneath is a delete there (and a tombstone in its changelog). */
    private void writeBack() {
        if (unwritten.isEmpty()) {
            return;
        }
        // Copied first: a put beneath may evict from a cache, and nothing here may change meanwhile.
        List<KeyValue<String, V>> entries = new ArrayList<>(unwritten.size());
        unwritten.forEach((key, value) -> entries.add(KeyValue.pair(key, value)));
        unwritten.clear();
        wrapped().putAll(entries);
    }

    private boolean isWriter() {
        return writer == Thread.currentThread();
    }

    private void ownedByThisThread() {
        Thread current = Thread.currentThread();
        if (writer != current) {
            if (writer != null && !unwritten.isEmpty()) {
                throw new IllegalStateException("store " + name() + " written by " + current.getName()
                        + " while " + writer.getName() + " has values not written back");
            }
            writer = current;
        }
    }
}
