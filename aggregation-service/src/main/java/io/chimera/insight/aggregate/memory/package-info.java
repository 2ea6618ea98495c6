/**
 * The bounded memory the aggregation keeps beside its stores ({@link
 * io.chimera.insight.aggregate.memory.WeightedLru}): files met, entries written, running models,
 * divergence sweeps, placed runs... each derived from the stores or checked against its input, each
 * one stream task's, dropped least recently used past a budget of its own. Under every other layer
 * of the aggregation, and knowing none of them.
 */
package io.chimera.insight.aggregate.memory;
