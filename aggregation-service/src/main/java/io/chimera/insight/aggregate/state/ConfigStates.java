package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.SeriesState;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@code change-series} entry: the series states of one (model, configuration), by metric, under the
 * configuration's key ({@link StateKeys#changeConfig}). One entry per configuration, not one per series,
 * so that a configuration's first run writes one record for all its metrics (two before: most of what
 * {@code change-series} cost in the bench, docs/benchmarks.md), and an evaluation that changes several of
 * its series writes that one entry again, once per commit (the store is written behind).
 *
 * <p>The earlier layout, one entry per series under {@link StateKeys#series} with a {@link SeriesStateCodec}
 * value (formats 1 and 2), is still read: such a value decodes as the one state of a metric its key names
 * ({@link #earlier}, {@link #earlierState}), and a configuration stored so is rewritten into one entry, its
 * earlier entries deleted, the first time one of its states is written ({@link ChangeStore}).
 *
 * @param byMetric the configuration's states by metric name, in name order; none empty
 */
public record ConfigStates(SortedMap<String, SeriesState> byMetric) {

    /** The metric an earlier value is decoded under: its metric is in its key, and no metric is named so. */
    private static final String IN_KEY = "";

    public ConfigStates {
        byMetric = Collections.unmodifiableSortedMap(new TreeMap<>(byMetric));
    }

    /** A value of the earlier per-series layout: one state, whose metric its key names. */
    static ConfigStates earlier(SeriesState state) {
        return new ConfigStates(new TreeMap<>(Map.of(IN_KEY, state)));
    }

    /** The state of an earlier value ({@link #earlier}); null for an entry of the configuration layout. */
    SeriesState earlierState() {
        return byMetric.get(IN_KEY);
    }
}
