package io.chimera.insight.aggregate.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Every configuration the {@code change-due} store marks (points not yet evaluated), per model: the
 * whole store, read once when it is built, so that a due model's evaluation, and a run of a
 * configuration met first since its evaluation, read no mark from the store. Each prefix scan of a
 * store opens a metered iterator, and opening the first one registers a gauge with the metrics
 * reporters (JMX) and closing it removes it: the scan of a due model's marks cost an evaluation more
 * than the marks themselves (profiled in the bench).
 *
 * <p>Derived from the store like the rest of {@link ChangeStore}'s memory: built over the store as
 * restored, in the processor's {@code init} with its {@code ChangeStore}, and told of each mark
 * written and deleted, as only {@code ChangeStore} writes that store. Not bounded by a budget: it
 * holds exactly what the store holds, one small key per configuration waiting for its evaluation,
 * and a configuration leaves at its evaluation.
 */
final class DueConfigs {

    /** Model to the config keys of its marks. */
    private final Map<String, Set<String>> byModel = new HashMap<>();

    /** The marks {@code due} holds now: one scan of the store. */
    static DueConfigs of(KeyValueStore<String, Long> due) {
        DueConfigs marks = new DueConfigs();
        try (KeyValueIterator<String, Long> all = due.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                marks.add(StateKeys.modelOf(entry.key), StateKeys.configKeyOf(entry.key));
            }
        }
        return marks;
    }

    /** Whether the store holds a mark of the configuration. */
    boolean holds(String model, String configKey) {
        Set<String> configs = byModel.get(model);
        return configs != null && configs.contains(configKey);
    }

    /** A mark of the configuration was just written; returns whether it is new here. */
    boolean add(String model, String configKey) {
        return byModel.computeIfAbsent(model, m -> new HashSet<>()).add(configKey);
    }

    /** The configuration's mark was just deleted. */
    void remove(String model, String configKey) {
        Set<String> configs = byModel.get(model);
        if (configs != null && configs.remove(configKey) && configs.isEmpty()) {
            byModel.remove(model);
        }
    }

    /** The model's marked configurations, by config key, in the store's key order (what a prefix scan lists). */
    List<String> of(String model) {
        Set<String> configs = byModel.get(model);
        if (configs == null) {
            return List.of();
        }
        List<String> listed = new ArrayList<>(configs);
        listed.sort(StateKeys.STORE_ORDER);
        return listed;
    }
}
