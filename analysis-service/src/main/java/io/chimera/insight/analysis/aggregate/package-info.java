/**
 * The Kafka Streams aggregation: {@code benchmark-runs} in; the {@code model-metrics} table and
 * debounced {@code analysis-requests} out. Entry point: {@link
 * io.chimera.insight.analysis.aggregate.AggregationTopology#build}.
 *
 * <h2>Statistics</h2>
 * {@link io.chimera.insight.analysis.aggregate.StatsAccumulator} keeps, per metric, an exact count,
 * mean and M2 (Welford), exact min and max, and a DDSketch (1% relative accuracy) for p50..p99.
 * Accumulators merge exactly (Chan et al. for mean and M2; sketches merge bin by bin), and round-trip
 * through {@code MetricStats} (which carries M2 and the protobuf sketch), so any consumer can merge
 * published figures further.
 *
 * <h2>State layout, and why</h2>
 * State is kept per (model, file, config), not per model: a run rewrites only its small entry, and a
 * file re-published with new content is replaced by deleting its entries. The model's figures are
 * the merge of its entries, computed when they are emitted (at most once per punctuation tick per
 * model), which the exact merges above make identical to a single pass. Stores:
 * <ul>
 *   <li>{@code aggregate-file-versions}: (model, fileId) → the file version held (sha256, ingest time, path);</li>
 *   <li>{@code aggregate-configs}: (model, fileId, configKey) → runs, failed runs, summary records,
 *       first/last seen, per-metric accumulators;</li>
 *   <li>{@code aggregate-pending}: model → changes not yet covered by an analysis request;</li>
 *   <li>{@code file-catalog} (global, from {@code benchmark-files}): fileId → latest {@code BenchmarkFile}.</li>
 * </ul>
 * Store values use small hand-written binary codecs with a format byte ({@code StateCodec}); they
 * never leave the service, so they need no registry and no public schema.
 *
 * <h2>Replaced files</h2>
 * A run whose {@code fileSha256} differs from the version held for its {@code fileId} either
 * replaces it (read later: the file's earlier runs for that model are dropped first) or is dropped
 * (read earlier: a late run of an old version). Order is by ingest time, never arrival. A new version
 * that no longer has some model's rows sends no run of that model; the file catalog covers that case:
 * a periodic sweep drops held versions the catalog knows to be superseded. A new version replaces the
 * old one whatever its status: the old figures no longer describe the file on disk.
 *
 * <h2>Trigger</h2>
 * A wall-clock punctuator emits model-metrics for models changed since the last tick, and one
 * analysis request per model once it has been quiet for {@code debounce} ("quiet") or its first
 * pending change is {@code maxDelay} old ("max-delay"). Pending state is a logged store, so a
 * restart neither loses nor repeats a request under exactly-once processing.
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
 * {@link io.chimera.insight.analysis.aggregate.AggregateQueries} reads a model's aggregate from the
 * active stores of a running instance, assembled by the same code that emits {@code model-metrics},
 * and tells which instance owns a model; the HTTP API over it is in
 * {@code io.chimera.insight.analysis.query}.
 */
package io.chimera.insight.analysis.aggregate;
