package io.chimera.insight.aggregate.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The configurations with points not yet evaluated, per model, and the marks the {@code change-due}
 * store holds of them: one per model ({@link StateKeys#dueModel}) with a configuration due, written
 * when its first configuration becomes due and deleted when its evaluation leaves none, so that a
 * configuration's runs between two evaluations cost no mark of their own (a mark per configuration
 * was written and deleted at each of its evaluations, a changelogged write each, about once a second
 * while its runs stream in: docs/benchmarks.md, "Change detection's cost"). Which configurations are
 * due is memory only: after a restart (or a rebalance, or an aborted transaction) every configuration
 * of a marked model is due, read from the model's series states (a configuration with points has a
 * state), and the model is evaluated whole once: an evaluation of a configuration whose points did not
 * change publishes nothing and writes nothing. The store is read once, when this is built; no
 * evaluation and no run reads a mark (each prefix scan opens a metered iterator, and opening the first
 * one registers a gauge with the metrics reporters: the scan of a due model's marks cost an evaluation
 * more than the marks themselves, profiled in the bench).
 *
 * <p>Marks of the earlier layout, one per configuration ({@link StateKeys#changeConfig} keys: a
 * store restored from a changelog the earlier code wrote), mark their model the same way, and are
 * deleted with its mark.
 *
 * <p>Derived from the stores like the rest of {@link ChangeStore}'s memory: built over the stores as
 * restored, in the processor's {@code init} with its {@code ChangeStore}, and only {@code ChangeStore}
 * writes the store, through this class. Not bounded by a budget: one small key per configuration
 * waiting for its evaluation, and a configuration leaves at its evaluation.
 */
final class DueConfigs {

    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final KeyValueStore<String, Long> marks;
    /** Model to the config keys due. */
    private final Map<String, Set<String>> byModel = new HashMap<>();
    /** The models whose mark the store holds, to the keys of their marks of the earlier layout (often none). */
    private final Map<String, List<String>> marked = new HashMap<>();

    private DueConfigs(KeyValueStore<String, Long> marks) {
        this.marks = marks;
    }

    /** The marks {@code due} holds now, each model's configurations read from {@code series}: one scan of each. */
    static DueConfigs of(KeyValueStore<String, Long> due, KeyValueStore<String, ConfigStates> series) {
        DueConfigs read = new DueConfigs(due);
        Map<String, List<String>> earlierConfigs = new LinkedHashMap<>();
        try (KeyValueIterator<String, Long> all = due.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                int separator = entry.key.indexOf(StateKeys.SEPARATOR);
                String model = separator < 0 ? entry.key : entry.key.substring(0, separator);
                List<String> earlier = read.marked.computeIfAbsent(model, m -> new ArrayList<>());
                if (!entry.key.equals(StateKeys.dueModel(model))) {
                    earlier.add(entry.key);
                    earlierConfigs.computeIfAbsent(model, m -> new ArrayList<>()).add(StateKeys.configKeyOf(entry.key));
                }
            }
        }
        for (String model : read.marked.keySet()) {
            Set<String> configs = read.byModel.computeIfAbsent(model, m -> new HashSet<>());
            configs.addAll(earlierConfigs.getOrDefault(model, List.of()));
            try (KeyValueIterator<String, ConfigStates> states =
                         series.prefixScan(StateKeys.modelPrefix(model), PREFIX_SERIALIZER)) {
                // A configuration's entry, or a series' entry of the earlier layout (ConfigStates).
                states.forEachRemaining(state -> configs.add(StateKeys.configKeyOf(StateKeys.changeConfigOfStates(state.key))));
            }
            if (configs.isEmpty()) {
                read.byModel.remove(model);
            }
        }
        return read;
    }

    /** Whether the configuration is due. */
    boolean holds(String model, String configKey) {
        Set<String> configs = byModel.get(model);
        return configs != null && configs.contains(configKey);
    }

    /** The configuration got points not yet evaluated: due, and its model marked in the store unless it is. */
    void add(String model, String configKey, long now) {
        byModel.computeIfAbsent(model, m -> new HashSet<>()).add(configKey);
        if (!marked.containsKey(model)) {
            marks.put(StateKeys.dueModel(model), now);
            marked.put(model, List.of());
        }
    }

    /**
     * The configuration has been evaluated: no longer due. The model's mark leaves the store with its
     * last due configuration (with a null put, which does not read the old value first as a delete does).
     */
    void remove(String model, String configKey) {
        Set<String> configs = byModel.get(model);
        if (configs != null && configs.remove(configKey) && configs.isEmpty()) {
            byModel.remove(model);
        }
        if (configs == null || configs.isEmpty()) {
            List<String> earlier = marked.remove(model);
            if (earlier != null) {
                marks.put(StateKeys.dueModel(model), null);
                earlier.forEach(key -> marks.put(key, null));
            }
        }
    }

    /** The model's due configurations, by config key, in the store's key order. */
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
