/**
 * Change detection over a time-ordered series of one metric of one (model, configuration): where,
 * if anywhere, the newest segment of the series differs from the history before it. Pure
 * functions of a {@code double[]}; no Kafka, no state: the aggregation keeps the history and asks.
 */
package io.chimera.insight.platform.change;
