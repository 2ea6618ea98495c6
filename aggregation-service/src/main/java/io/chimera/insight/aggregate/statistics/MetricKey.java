package io.chimera.insight.aggregate.statistics;

import java.util.Comparator;
import java.util.Objects;

/**
 * A metric as aggregated: its canonical name and its unit. Values of one name in two units
 * (an unknown metric that two rigs report differently) are never averaged together.
 */
public record MetricKey(String name, String unit) implements MomentKey, Comparable<MetricKey> {

    private static final Comparator<MetricKey> ORDER =
            Comparator.comparing(MetricKey::name).thenComparing(MetricKey::unit);

    public MetricKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
    }

    @Override
    public int compareTo(MetricKey other) {
        return ORDER.compare(this, other);
    }
}
