package io.chimera.insight.aggregate.statistics;

import java.util.Objects;

/**
 * A metric as aggregated: its canonical name and its unit. Values of one name in two units
 * (an unknown metric that two rigs report differently) are never averaged together.
 */
public record MetricKey(String name, String unit) implements MomentKey, Comparable<MetricKey> {

    public MetricKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
    }

    @Override
    public int compareTo(MetricKey other) {
        // By name, then unit: written out, not a Comparator chain of key extractors, as a new entry puts a
        // dozen keys into its sorted maps (profiled: TreeMap.put was a tenth of the running statistics).
        int byName = name.compareTo(other.name);
        return byName != 0 ? byName : unit.compareTo(other.unit);
    }
}
