package io.chimera.insight.aggregate.statistics;

/**
 * What {@link RunningModel} keeps count, mean and M2 of per (file, config) entry: a metric over
 * all of the entry's successful runs ({@link MetricKey}), or over those of its runs whose load
 * duration fell in one bin ({@link LoadBinMetric}, the cold/warm split).
 */
public sealed interface MomentKey permits MetricKey, LoadBinMetric {
}
