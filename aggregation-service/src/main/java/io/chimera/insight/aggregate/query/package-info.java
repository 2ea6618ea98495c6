/**
 * The query API: the aggregate over HTTP, as JSON, served from the aggregation's state stores by
 * interactive queries. Entry point: {@link io.chimera.insight.aggregate.query.QueryServer}.
 *
 * <h2>Endpoints</h2>
 * <ul>
 *   <li>{@code GET /models}: {@code {"models": [summary, ...]}}, every model of every instance, sorted by name;</li>
 *   <li>{@code GET /models/{model}}: the model's aggregate (overall and per-config statistics);</li>
 *   <li>{@code GET /models/{model}/configs}: its configurations and their comparison (best config per
 *       metric with its n and 95 % interval, only among configurations with 2 or more runs, see
 *       {@code io.chimera.insight.platform.stats.Recommendations}; deltas vs baseline with Welch p-values, see
 *       {@code io.chimera.insight.platform.stats.ConfigComparison}).</li>
 *   <li>{@code GET /models/{model}/changes}: {@code {"model": ..., "changes": [...]}}, its performance changes
 *       that stand (published on {@code performance-changes} and not retracted), newest first, with the event's
 *       fields (metric, configuration, direction, before/after n, mean and 95 % interval, change %, p-value,
 *       test, first run and its file and time, detected at); an empty list when none was found.</li>
 * </ul>
 * {@code {model}} is one percent-encoded path segment: {@code gemma3:270m} may be sent as is,
 * {@code hf.co/org/m:q4} as {@code hf.co%2Forg%2Fm:q4}; {@code +} is a plus, not a space. Errors are
 * {@code {"error": "..."}} with 404 (unknown model or path), 405 (not GET), 502 (the owning
 * instance did not answer) or 503 (stores not queryable or ownership unknown: rebalancing, retry).
 *
 * <h2>Several instances</h2>
 * Each model's state lives on the one instance that owns its partition. Any instance answers any
 * request: a model request goes to the owner ({@code KafkaStreams#queryMetadataForKey}), which the
 * receiving instance answers from its own stores or forwards to over HTTP (the owner's
 * {@code application.server}); {@code /models} asks every instance for its own models and merges.
 * Forwarded requests carry {@value io.chimera.insight.aggregate.query.ModelQueries#FORWARDED_HEADER}
 * and are answered locally, never forwarded again, so ownership that moves mid-request costs a
 * 503 and a retry, never a loop.
 */
package io.chimera.insight.aggregate.query;
