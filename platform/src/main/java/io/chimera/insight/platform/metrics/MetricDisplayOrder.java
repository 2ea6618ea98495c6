package io.chimera.insight.platform.metrics;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The order prompt and report list metrics in: catalogued metrics by their display rank, then every
 * other metric (a rig's own column kept under its own name) alphabetically. One order for both, so
 * the narrative and the report it sits in read the same way.
 */
public final class MetricDisplayOrder {

    /** Compares canonical metric names: catalogue rank, then alphabetical. */
    public static final Comparator<String> BY_RANK_THEN_NAME = Comparator
            .comparingInt(MetricDisplayOrder::rank)
            .thenComparing(Comparator.naturalOrder());

    private MetricDisplayOrder() {
    }

    /** {@code names} in display order, as a new list. */
    public static List<String> sorted(Collection<String> names) {
        return names.stream().sorted(BY_RANK_THEN_NAME).toList();
    }

    /** Uncatalogued names rank after every catalogued one. */
    private static int rank(String name) {
        return CanonicalMetric.named(name).map(CanonicalMetric::displayRank).orElse(Integer.MAX_VALUE);
    }
}
