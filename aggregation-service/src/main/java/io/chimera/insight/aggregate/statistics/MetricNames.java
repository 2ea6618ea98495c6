package io.chimera.insight.aggregate.statistics;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Names under which metrics appear in {@code ModelMetrics}: the plain canonical name, unless the
 * model has that name in more than one unit, in which case each gets its unit appended
 * ({@code "latency (s)"}, {@code "latency (ms)"}). The choice depends only on the set of keys,
 * never on arrival order, so replaying the same input always yields the same names.
 */
public final class MetricNames {

    private MetricNames() {
    }

    public static Map<MetricKey, String> displayNames(Collection<MetricKey> keys) {
        Map<String, Long> unitsPerName = new HashMap<>();
        for (MetricKey key : keys) {
            unitsPerName.merge(key.name(), 1L, Long::sum);
        }
        Map<MetricKey, String> names = new HashMap<>();
        for (MetricKey key : keys) {
            boolean ambiguous = unitsPerName.get(key.name()) > 1;
            names.put(key, ambiguous ? key.name() + " (" + (key.unit().isEmpty() ? "no unit" : key.unit()) + ")" : key.name());
        }
        return names;
    }
}
