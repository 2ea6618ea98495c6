/**
 * The arithmetic, free of Kafka: exact mergeable accumulators (count, Welford mean and M2, min,
 * max, DDSketch), per-(file, config) entries, the running per-model merge and the assembly of the
 * {@code ModelMetrics} contract. Nothing here reads a store; callers hand it entries.
 */
package io.chimera.insight.aggregate.statistics;
