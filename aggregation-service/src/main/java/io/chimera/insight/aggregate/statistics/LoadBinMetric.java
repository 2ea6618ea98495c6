package io.chimera.insight.aggregate.statistics;

import java.util.Objects;

/**
 * A metric over the runs whose load duration fell in load bin {@code bin} ({@link LoadBins}): one
 * cell of the cold/warm split, which {@link ColdStartSplit} sorts into cold or warm once the
 * model's threshold is known.
 */
public record LoadBinMetric(int bin, MetricKey metric) implements MomentKey, Comparable<LoadBinMetric> {

    public LoadBinMetric {
        Objects.requireNonNull(metric, "metric");
    }

    @Override
    public int compareTo(LoadBinMetric other) {
        // By bin, then metric, written out as MetricKey's order is.
        int byBin = Integer.compare(bin, other.bin);
        return byBin != 0 ? byBin : metric.compareTo(other.metric);
    }
}
