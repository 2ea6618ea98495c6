package io.chimera.insight.aggregate.topology;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the writes to the global file catalog, so that a stream task can keep what it read from the
 * catalog and read it again only once the catalog changed ({@link CatalogVersions}). The catalog is
 * written by the global thread alone, and only through {@link FileCatalogUpdater}, which counts each
 * write after it is made: in Kafka Streams 4.1, {@code Topology.addGlobalStore} restores the store by
 * running the records through that processor too (its "reprocess on restore"), so no write escapes it.
 * A reader takes the {@link #count()} before it reads the store: whatever it read is then at least as
 * new as that count, and any later write shows as a new count.
 *
 * <p>One per topology, shared by its global thread and its stream threads.
 */
final class CatalogChanges {

    /** For a catalog written without this knowing (a test's store): its readers never keep anything. */
    static final CatalogChanges UNTRACKED = new CatalogChanges(false);

    private final AtomicLong writes = new AtomicLong();
    private final boolean tracked;

    private CatalogChanges(boolean tracked) {
        this.tracked = tracked;
    }

    /** The changes of a catalog written only through a {@link FileCatalogUpdater} that counts in this. */
    static CatalogChanges tracked() {
        return new CatalogChanges(true);
    }

    /** Whether every write to the catalog is counted here: if not, nothing read from it may be kept. */
    boolean counted() {
        return tracked;
    }

    /** A write was made to the catalog. */
    void written() {
        writes.incrementAndGet();
    }

    /** How many writes were made so far. */
    long count() {
        return writes.get();
    }
}
