package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.state.ChangeFileCodec;
import io.chimera.insight.aggregate.state.ConfigAggregateCodec;
import io.chimera.insight.aggregate.state.ConfigChunkCodec;
import io.chimera.insight.aggregate.state.FileVersionCodec;
import io.chimera.insight.aggregate.state.PendingModelCodec;
import io.chimera.insight.aggregate.state.PointChunkCodec;
import io.chimera.insight.aggregate.state.ConfigStatesCodec;
import io.chimera.insight.aggregate.state.WriteBehindStoreBuilder;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The aggregation: {@code benchmark-runs} (key model) in; {@code config-metrics} (key model NUL
 * config key, compacted: one record per configuration, written when it changed), {@code model-metrics} (key model,
 * compacted), debounced {@code analysis-requests} (key model) and {@code performance-changes}
 * (key model) out. {@code benchmark-files}
 * feeds a global file catalog, used to drop runs of file versions that a newer one replaced.
 * A run record that cannot be decoded goes to {@code dead-letters} (key: its topic, partition and
 * offset), and the stream goes on.
 *
 * <pre>
 * benchmark-files ──> [file-catalog] (global)
 *                                              │ read
 * benchmark-runs ──> run-decoder ──> run-aggregator ──> config-metrics (changed configurations, tombstones)
 *                        │             │  [aggregate-file-versions]  ├──> model-metrics
 *                        │             │  [aggregate-configs]        ├──> analysis-requests
 *                        │             │  [config-published]         └──> performance-changes
 *                        │             │  [aggregate-pending]   (wall-clock punctuators: trigger, sweep)
 *                        │             └─ [change-runs] [change-files] [change-file-configs] [change-series] [change-due]
 *                        └──> dead-letters
 * </pre>
 *
 * <p>Only the topology: streams configuration (application id, exactly_once_v2, state dir) is
 * the caller's, as are the serdes.
 */
public final class AggregationTopology {

    /** Global store: file id to its latest {@code BenchmarkFile}. */
    public static final String FILE_CATALOG_STORE = "file-catalog";
    /** (model, file id) to the file version the model's aggregate holds. */
    public static final String FILE_VERSIONS_STORE = "aggregate-file-versions";
    /** (model, file id, config key) to the aggregate of that file version's records. */
    public static final String CONFIG_AGGREGATES_STORE = "aggregate-configs";
    /** Model to its changes not yet covered by an analysis request. */
    public static final String PENDING_STORE = "aggregate-pending";
    /** (model, config key), as {@code ConfigMetricsKey} writes it, to the fingerprint of what {@code config-metrics} holds of it. */
    public static final String PUBLISHED_CONFIGS_STORE = "config-published";
    /** (model, config key, file id, chunk number) to up to 32 of the file's change-detection points there (each both headline metrics, times, load). */
    public static final String CHANGE_RUNS_STORE = "change-runs";
    /**
     * (model, file id) to the file version's fields that its change-detection points share, as the code
     * before 2026-12-06 wrote them: read and deleted as their files are met, never written (the fields
     * are in the file's first {@code change-file-configs} chunk now).
     */
    public static final String CHANGE_FILES_STORE = "change-files";
    /** (model, file id, chunk number) to up to 64 of the configurations a file has change-detection points in; the first chunk also the file version's fields. */
    public static final String CHANGE_FILE_CONFIGS_STORE = "change-file-configs";
    /** (model, config key, metric) to the series' configuration, trim watermark and published changes. */
    public static final String CHANGE_SERIES_STORE = "change-series";
    /** Model to when its first configuration got points not yet evaluated (wall clock): one mark per model with some due. */
    public static final String CHANGE_DUE_STORE = "change-due";

    static final String RUNS_SOURCE = "benchmark-runs-source";
    static final String FILES_SOURCE = "benchmark-files-source";
    static final String CATALOG_UPDATER = "file-catalog-updater";
    static final String DECODER = "run-decoder";
    static final String AGGREGATOR = "run-aggregator";
    static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    static final String MODEL_METRICS_SINK = "model-metrics-sink";
    static final String ANALYSIS_REQUESTS_SINK = "analysis-requests-sink";
    static final String PERFORMANCE_CHANGES_SINK = "performance-changes-sink";
    static final String CONFIG_METRICS_SINK = "config-metrics-sink";

    /** Where the state stores keep their data; either way they are backed by changelog topics. */
    public enum StoreKind {
        /** RocksDB on local disk: state survives a restart without a full changelog restore. */
        PERSISTENT,
        /** On the heap: no disk, restored from the changelogs on every start (tests, short local runs). */
        IN_MEMORY
    }

    /**
     * Whether the stores cache writes: a burst writes one entry many times, and the cache lets each
     * entry reach RocksDB and the changelog once per commit. Public so the bench's minimal aggregate
     * (its yardstick) uses the same.
     */
    public static final boolean STORE_CACHING = true;

    /**
     * The topics the topology writes, its sinks': the service registers their schemas as it starts
     * ({@code EventSerdes.registerValueSchemas}), so that no punctuation meets the registry first.
     */
    public static final List<Topic<?>> OUTPUT_TOPICS = List.of(Topics.DEAD_LETTERS, Topics.CONFIG_METRICS,
            Topics.MODEL_METRICS, Topics.ANALYSIS_REQUESTS, Topics.PERFORMANCE_CHANGES);

    private AggregationTopology() {
    }

    /** Builds the aggregation topology over the topics named by {@code topics}, with persistent stores. */
    public static Topology build(TopicNames topics, AggregationSerdes serdes, AggregationSettings settings) {
        return build(topics, serdes, settings, StoreKind.PERSISTENT);
    }

    /** Builds the aggregation topology over the topics named by {@code topics}, with stores of the given kind. */
    public static Topology build(TopicNames topics, AggregationSerdes serdes, AggregationSettings settings,
                                 StoreKind storeKind) {
        return build(topics, serdes, settings, storeKind, ChangeListener.NONE);
    }

    /**
     * Builds the aggregation topology; {@code changes} hears of every {@code performance-changes}
     * event as it is forwarded (for the {@code /metrics} counter).
     */
    public static Topology build(TopicNames topics, AggregationSerdes serdes, AggregationSettings settings,
                                 StoreKind storeKind, ChangeListener changes) {
        Serde<String> keys = serdes.keys();
        Topology topology = new Topology();

        // Logging is disabled as Streams requires for global stores: the topic is the changelog.
        StoreBuilder<KeyValueStore<String, BenchmarkFile>> catalog = Stores
                .keyValueStoreBuilder(supplier(storeKind, FILE_CATALOG_STORE), keys, serdes.files())
                .withLoggingDisabled();
        // Its writes are counted, so the aggregation's tasks keep what they read of it until it changes.
        CatalogChanges catalogChanges = CatalogChanges.tracked();
        topology.addGlobalStore(catalog, FILES_SOURCE, keys.deserializer(), serdes.files().deserializer(),
                topics.of(Topics.BENCHMARK_FILES), CATALOG_UPDATER, () -> new FileCatalogUpdater(catalogChanges));

        // Values are decoded by the decoder, so that one that cannot be is dead-lettered in the transaction.
        topology.addSource(RUNS_SOURCE, keys.deserializer(), new ByteArrayDeserializer(), topics.of(Topics.BENCHMARK_RUNS));
        topology.addProcessor(DECODER, () -> new RunDecoder(serdes.runs().deserializer()), RUNS_SOURCE);
        topology.addProcessor(AGGREGATOR, () -> new RunAggregationProcessor(settings, changes, catalogChanges),
                DECODER);
        topology.addSink(DEAD_LETTERS_SINK, topics.of(Topics.DEAD_LETTERS), keys.serializer(),
                serdes.deadLetters().serializer(), DECODER);
        topology.addStateStore(store(storeKind, FILE_VERSIONS_STORE, keys, new FileVersionCodec().serde()), AGGREGATOR);
        // Written behind: an entry is encoded and put once per commit, not once per run (WriteBehindStore).
        topology.addStateStore(writtenBehind(storeKind, CONFIG_AGGREGATES_STORE, keys,
                ConfigAggregateCodec.store().serde()), AGGREGATOR);
        // Likewise a model's pending state, which each run of the model changes (its latest change time).
        topology.addStateStore(writtenBehind(storeKind, PENDING_STORE, keys, new PendingModelCodec().serde()),
                AGGREGATOR);
        // Likewise a file's run points: a run adds to its file's chunk, encoded and put once per commit (ChangeStore).
        topology.addStateStore(writtenBehind(storeKind, CHANGE_RUNS_STORE, keys, new PointChunkCodec().serde()),
                AGGREGATOR);
        topology.addStateStore(uncachedStore(storeKind, CHANGE_FILES_STORE, keys, new ChangeFileCodec().serde()), AGGREGATOR);
        // Likewise a file's index: the configurations it meets within a commit are one chunk written once (ChangeStore).
        topology.addStateStore(writtenBehind(storeKind, CHANGE_FILE_CONFIGS_STORE, keys, new ConfigChunkCodec().storeSerde()),
                AGGREGATOR);
        // Likewise a configuration's series states, one entry: its first run and an evaluation that changes several of
        // its series, in one commit, write it once (ChangeStore).
        topology.addStateStore(writtenBehind(storeKind, CHANGE_SERIES_STORE, keys, new ConfigStatesCodec().serde()),
                AGGREGATOR);
        topology.addStateStore(uncachedStore(storeKind, CHANGE_DUE_STORE, keys, Serdes.Long()), AGGREGATOR);
        topology.addStateStore(store(storeKind, PUBLISHED_CONFIGS_STORE, keys, Serdes.Long()), AGGREGATOR);

        // Before model-metrics: a punctuation forwards a model's configurations, then its record.
        topology.addSink(CONFIG_METRICS_SINK, topics.of(Topics.CONFIG_METRICS), keys.serializer(),
                serdes.configs().serializer().forEncoded(), new ByModelPartitioner<>(), AGGREGATOR);
        topology.addSink(MODEL_METRICS_SINK, topics.of(Topics.MODEL_METRICS), keys.serializer(),
                serdes.metrics().serializer(), AGGREGATOR);
        topology.addSink(ANALYSIS_REQUESTS_SINK, topics.of(Topics.ANALYSIS_REQUESTS), keys.serializer(),
                serdes.requests().serializer(), AGGREGATOR);
        topology.addSink(PERFORMANCE_CHANGES_SINK, topics.of(Topics.PERFORMANCE_CHANGES), keys.serializer(),
                serdes.changes().serializer(), AGGREGATOR);
        return topology;
    }

    /** A changelogged store of the given kind, cached as {@link #STORE_CACHING} says. */
    private static <V> StoreBuilder<KeyValueStore<String, V>> store(StoreKind kind, String name, Serde<String> keys,
                                                                     Serde<V> values) {
        StoreBuilder<KeyValueStore<String, V>> builder = Stores.keyValueStoreBuilder(supplier(kind, name), keys, values);
        return STORE_CACHING ? builder.withCachingEnabled() : builder.withCachingDisabled();
    }

    /**
     * A changelogged store of the given kind without a cache, for the change-detection stores: a cache
     * pays off for an entry written again before the commit (its writes merge into one), and these
     * stores write none again so soon. A file's entry is written
     * once (a file's run points and its index are chunks, rewritten by each run or configuration, but written
     * behind: the cache is not what merges them, see {@code ChangeStore}; so are a configuration's series
     * states, one entry); a
     * model's due mark once between two of its evaluations (the debounce, at least 200 ms apart,
     * against a commit every 100 ms under exactly-once). The change store keeps what it reads again in
     * memory of its own ({@code ChangeStore}). Cached, their entries only filled Streams' cache, which is
     * one budget per stream thread: writes to the cached stores (a configuration's aggregate, rewritten
     * run by run) then evicted their own entries, and the eviction of a dirty entry flushes all of that
     * store's dirty entries at once; and every commit flushed each cached store. Profiled with the
     * bench (JFR, the aggregation's stream thread): with the points uncached, evictions fell from 6 %
     * of its samples to 1 %, the commit's cache flush from 12 % to 8 % (docs/benchmarks.md, "Change
     * detection's cost", for the other change stores).
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> uncachedStore(StoreKind kind, String name,
                                                                             Serde<String> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(supplier(kind, name), keys, values).withCachingDisabled();
    }

    /**
     * A changelogged store of the given kind, {@linkplain WriteBehindStoreBuilder written behind} and
     * without a record cache: for stores whose entries are rewritten run after run. The write-behind
     * layer keeps a commit's last value of each entry and puts it beneath once, when Streams flushes
     * before the commit, so a record cache beneath would merge nothing more: each put into it would be
     * followed, in the same flush, by the cache's own flush to the store and the changelog (one more
     * copy of the bytes, its eviction bookkeeping, and a share of the thread's cache budget taken from
     * the cached stores). Uncached, each entry written back is one RocksDB put and one changelog
     * record, the same count as with the cache (docs/benchmarks.md, "Where the aggregation's time
     * went", eleventh pass). Reads that miss the write-behind layer's values go to RocksDB.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> writtenBehind(StoreKind kind, String name,
                                                                            Serde<String> keys, Serde<V> values) {
        return new WriteBehindStoreBuilder<>(uncachedStore(kind, name, keys, values));
    }

    /** The store of the given kind the aggregation builds its stores on (also the bench's minimal aggregate's). */
    public static KeyValueBytesStoreSupplier supplier(StoreKind kind, String name) {
        return switch (kind) {
            case PERSISTENT -> Stores.persistentKeyValueStore(name);
            case IN_MEMORY -> Stores.inMemoryKeyValueStore(name);
        };
    }
}
