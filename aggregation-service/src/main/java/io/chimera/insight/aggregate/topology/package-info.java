/**
 * The Streams topology and its processors: {@link io.chimera.insight.aggregate.topology.AggregationTopology}
 * (a static builder: no I/O, no configuration read), run decoding and dead-lettering, the per-run
 * aggregation processor, the file catalog, replaced-file resolution and the debounced trigger.
 * Reads and writes state through {@code state}; the arithmetic lives in {@code statistics}.
 */
package io.chimera.insight.aggregate.topology;
