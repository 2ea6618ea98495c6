/**
 * The Kafka Streams aggregation: {@code benchmark-runs} in; the {@code model-metrics} table,
 * {@code performance-changes} and debounced {@code analysis-requests} out. Entry point: {@link
 * io.chimera.insight.aggregate.topology.AggregationTopology#build}.
 *
 * <h2>Statistics</h2>
 * {@link io.chimera.insight.aggregate.statistics.StatsAccumulator} keeps, per metric, an exact count,
 * mean and M2 (Welford), exact min and max, and a DDSketch (1% relative accuracy) for p50..p99.
 * Accumulators merge (Chan et al. for mean and M2; sketches merge bin by bin), and round-trip
 * through {@code MetricStats} (which carries M2 and the protobuf sketch), so any consumer can merge
 * published figures further.
 *
 * <h2>State layout, and why</h2>
 * State is kept per (model, file, config), not per model: a run rewrites only its small entry, and a
 * file re-published with new content is replaced by deleting its entries. The model's figures are
 * the merge of its entries, which the exact merges above make identical to a single pass. Stores:
 * <ul>
 *   <li>{@code aggregate-file-versions}: (model, fileId) → the file version held (sha256, ingest time, path);</li>
 *   <li>{@code aggregate-configs}: (model, fileId, configKey) → runs, failed runs, summary records,
 *       first/last seen, per-metric accumulators, and the same for tokens/s, TTFT and load duration per
 *       load-duration bin (the cold/warm split, below);</li>
 *   <li>{@code aggregate-pending}: model → changes not yet covered by an analysis request;</li>
 *   <li>{@code change-runs}: (model, config key, file id, chunk number) → up to 32 of the file's
 *       change-detection points there (both headline metrics, times, offset, load duration);</li>
 *   <li>{@code change-files}: (model, file id) → the file version's sha256 and path, once per version;</li>
 *   <li>{@code change-file-configs}: (model, file id, chunk number) → up to 64 of the configurations the
 *       file has points in (the index that drops a replaced file's points without reading the model's);</li>
 *   <li>{@code change-series}: (model, config key) → per metric of the configuration, its series'
 *       configuration, how far the history bound trimmed it, the changes published for it and its recent
 *       retractions (entries of the earlier per-series layout, (model, config key, metric), still read);</li>
 *   <li>{@code change-due}: model → when its first configuration got points not yet evaluated;</li>
 *   <li>{@code file-catalog} (global, from {@code benchmark-files}): fileId → latest {@code BenchmarkFile}.</li>
 * </ul>
 * Store values use small hand-written binary codecs with a format byte ({@code StateCodec}); they
 * never leave the service, so they need no registry and no public schema.
 *
 * <h2>Running aggregates</h2>
 * Merging every entry of a model for each emission cost as much as the model had files (and read
 * and decoded every sketch). So the processor also keeps, in memory, each model's entries merged,
 * overall and per configuration ({@code RunningModel}), updated with each run the store takes; an
 * emission only turns that into {@code ModelMetrics}. It is derived state, never the source of
 * truth: built from the store on first use, discarded whenever entries leave the store (a replaced
 * file version, a sweep), dropped least recently used past a memory budget
 * ({@code RunningAggregates}), and thrown away in the processor's {@code close} and {@code init},
 * which Kafka Streams calls when it restores a task's stores from their changelogs, e.g. after an
 * aborted transaction. It is never shared with interactive queries, which merge from the stores.
 * The output is byte for byte what a rebuild from the store gives: counts, min, max, first/last
 * seen and sketch bins do not depend on merge order; a merge's mean and M2 would (last bits), so a
 * configuration's and the model's are not merged but worked out from exact sums of their entries'
 * moments ({@code ExactMoments}), rounded once: a run that changes an entry takes the entry's
 * moments before it out of those sums and puts its new ones in, so nothing is kept per entry. So
 * one instance or several, and a task restarted or revived, emit the same bits, and the running
 * aggregates weigh a model's configurations, not its files. The entries written last are kept as objects too
 * ({@code RecentEntries}), so a file's next run does not decode its entry from the store again,
 * and so are the files seen last ({@code RecentFiles}): the version held of each, and, for a file
 * this task held from its first version or emptied for a new one, the entries it wrote, so that a
 * run starting a new entry (most do: a file's runs spread over its configurations) does not look
 * for it in the store; same lifecycle.
 *
 * <h2>Cold and warm runs</h2>
 * Whether a run paid a model load is decided against the model's whole distribution of load
 * durations ({@code ColdStartRule}: median + max(k × MAD, margin)), which changes as runs arrive;
 * so no run is classed on arrival. Each entry keeps its runs' headline metrics per load bin
 * ({@code LoadBins}: quarter octaves, a function of the run's own load alone, so bins merge like any
 * other count), and every emission sums whole bins into cold and warm ({@code ColdStartSplit}): the
 * same split whatever the order of runs and files, kept to the bits by the running aggregates like
 * the other moments.
 *
 * <h2>Change detection</h2>
 * Each successful run is stored once, as one point holding its headline metrics (tokens/s, TTFT) and
 * its load duration; each (model, config, metric) series is read from its configuration's points,
 * ordered by the run's own time, else its file's modified time, else its ingest time, the TTFT series
 * over warm runs only. When the model is due (the trigger below), its marked configurations are
 * bounded (last N runs, D days), each series handed to the platform's
 * detector, and {@code ChangeReconciler} decides what to publish: a change once, identified by its first
 * run (a detection within two runs of a published change of the same direction is that change); a
 * published change no detection finds any more is retracted (a replaced file took it away), unless the
 * history bound has begun to drop its earlier segment; the series keeps its recent retractions for the
 * reports. See docs/architecture.md, "Change detection".
 *
 * <h2>Undecodable records</h2>
 * {@code benchmark-runs} values are decoded by the topology's first processor ({@code RunDecoder}),
 * not by the source: a value that is not a run becomes a {@code DeadLetter} on {@code dead-letters}
 * in the same transaction, and the stream goes on (Kafka Streams 4.1.1's deserialization handler can
 * only drop a record or fail).
 *
 * <h2>Replaced files</h2>
 * A run whose {@code fileSha256} differs from the version held for its {@code fileId} either
 * replaces it (read later: the file's earlier runs for that model are dropped first) or is dropped
 * (read earlier: a late run of an old version). Order is by ingest time, never arrival. A new version
 * that no longer has some model's rows sends no run of that model; the file catalog covers that case:
 * a periodic sweep drops held versions the catalog knows to be superseded. A new version replaces the
 * old one whatever its status: the old figures no longer describe the file on disk. Each run is also
 * checked against the catalog's version of its file; a task keeps the versions it read until the
 * catalog is next written ({@code CatalogVersions}: the global thread counts its writes, restoration
 * included), so a file's runs decode its catalog entry once, not once each.
 *
 * <h2>Trigger</h2>
 * A wall-clock punctuator emits one analysis request per model once it has been quiet for
 * {@code debounce} ("quiet") or its first pending change is {@code maxDelay} old ("max-delay"),
 * with its model-metrics. While a model is still changing, its model-metrics is emitted at the
 * first tick after a change, then at most once per {@code debounce}: a record carries every
 * configuration with the paths of its files, so emitting it on every tick for every busy model was
 * most of the work of a burst. Pending state is a logged store, so a restart neither loses nor
 * repeats a request under exactly-once processing.
 *
 * <h2>Guarantees and scale-out</h2>
 * Run with {@code processing.guarantee=exactly_once_v2} (the platform's Streams properties): a
 * record's effect on the stores, their changelogs and both outputs commits atomically. Input is
 * keyed by model (ingest's contract), so a model's state lives in a single task, and any number of
 * instances of the application (up to the partition count) produce the same aggregates as one:
 * a model's runs reach its task in partition order whichever instance runs it, and a moved task
 * resumes from its changelog. Standby replicas ({@code num.standby.replicas}) only shorten that
 * restore.
 *
 * <h2>Queries</h2>
 * {@link io.chimera.insight.aggregate.query.AggregateQueries} reads a model's aggregate from the
 * active stores of a running instance, assembled by the same code that emits {@code model-metrics},
 * and tells which instance owns a model; the HTTP API over it is in
 * {@code io.chimera.insight.aggregate.query}.
 */
package io.chimera.insight.aggregate;
