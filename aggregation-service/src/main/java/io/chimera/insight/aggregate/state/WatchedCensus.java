package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.aggregate.statistics.SeriesState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;

/**
 * What a model's changes are built from ({@link ChangeStore#watched}), without its series states: how
 * many series hold a state, and the states that hold a published change or a kept retraction, by key.
 * For a model whose states are too many for {@link ChangeStore}'s memory of them: without it, each
 * model-metrics refresh of a sweep of 20,000 configurations read and decoded all of its 40,000 states
 * (a scan per refresh, a cost per emission that grew with the configurations, docs/benchmarks.md).
 *
 * <p>Derived from the store like the rest of that memory: made from one scan of the model's states, then
 * told of each state written and deleted ({@link ChangeStore} is the only writer), so it counts what the
 * store holds. A few bytes per model, and a state per series with a change.
 */
final class WatchedCensus {

    private int count;
    /** The states holding a change, by {@link StateKeys#series} key: the store's order. */
    private final SortedMap<String, SeriesState> withChanges = new TreeMap<>();

    /** The census of {@code states}, every state of one model by key, as a scan reads them. */
    static WatchedCensus of(Map<String, SeriesState> states) {
        WatchedCensus census = new WatchedCensus();
        census.count = states.size();
        states.forEach((key, state) -> {
            if (!state.holdsNoChanges()) {
                census.withChanges.put(key, state);
            }
        });
        return census;
    }

    /** {@code state} was just written under {@code key}; {@code added}: the store held no state there before. */
    void written(String key, SeriesState state, boolean added) {
        if (added) {
            count++;
        }
        if (state.holdsNoChanges()) {
            withChanges.remove(key);
        } else {
            withChanges.put(key, state);
        }
    }

    /** The state under {@code key} was just deleted; {@code held}: the store held one there before. */
    void deleted(String key, boolean held) {
        if (held) {
            count--;
        }
        withChanges.remove(key);
    }

    /** How many series hold a state, and those holding a change in key order. */
    ChangeStore.WatchedSeries watched() {
        List<KeyValue<SeriesId, SeriesState>> changes = new ArrayList<>(withChanges.size());
        withChanges.forEach((key, state) -> changes.add(KeyValue.pair(StateKeys.seriesOf(key), state)));
        return new ChangeStore.WatchedSeries(count, changes);
    }
}
