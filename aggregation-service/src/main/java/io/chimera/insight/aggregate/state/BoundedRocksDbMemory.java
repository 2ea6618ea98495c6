package io.chimera.insight.aggregate.state;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the process: a block cache of {@value #TOTAL_MIB} MiB
 * shared by all of them, which also holds their index and filter blocks and is charged with their
 * memtables ({@value #MEMTABLES_MIB} MiB of it at most, through one {@link WriteBufferManager}). Kafka
 * Streams' "BoundedMemoryRocksDBConfig" (its memory-management guide), sized for our states.
 *
 * <p>Why: by default each store of each task has a block cache of its own (50 MiB), up to three
 * memtables of 16 MiB, and index and filter blocks outside any cache, so the off-heap memory grows with
 * the stores (ten in the aggregation) and the tasks, unbounded by {@code -Xmx}; the product's whole
 * process (broker, registry, services) is to stay within 1 GiB of RSS (docs/benchmarks.md). The
 * aggregation's states are small (a few MiB for thousands of files), read mostly through the record
 * cache and the service's own recent entries, and rewritten run by run: a small shared cache costs them
 * little. Static because the budget is the process's, shared by the stores of every task and
 * Streams application in it; never closed, for the same reason.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** The block cache all the stores share, memtables included. */
    static final long TOTAL_MIB = 64;
    /** The part of {@link #TOTAL_MIB} the memtables of all the stores may take before RocksDB flushes them. */
    static final long MEMTABLES_MIB = 16;
    /** One store's memtable: a store's writes between two commits are far less (its record cache merges them). */
    static final long MEMTABLE_MIB = 4;
    private static final int MEMTABLES_PER_STORE = 2;
    /** The share of the cache kept for index and filter blocks, which every read needs. */
    private static final double INDEX_AND_FILTER_RATIO = 0.1;

    private static final Cache CACHE = new LRUCache(TOTAL_MIB << 20, -1, false, INDEX_AND_FILTER_RATIO);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLES_MIB << 20, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(MEMTABLE_MIB << 20);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are the process's, shared by every store: never closed here.
    }
}
