/**
 * The aggregation's state stores: key layout ({@code StateKeys}), the binary value codecs (one format
 * byte each; values never leave the service), reading and writing a model's entries
 * ({@code AggregateReader}, {@code AggregateStore}) and the debounce record ({@code PendingModel}).
 */
package io.chimera.insight.aggregate.state;
