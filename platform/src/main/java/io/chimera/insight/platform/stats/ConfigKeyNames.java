package io.chimera.insight.platform.stats;

import io.chimera.insight.events.ConfigStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration keys a model's configurations set, in name order: what {@link ParameterEffects} and
 * {@link KeyInteractions} walk. Gathered by hash and sorted once per computation: a sorted set filled with
 * every configuration's keys compared names at each insertion, once per metric: about 4 % of the samples of a
 * prompt's figures and text (JFR of {@code PromptBenchmark}).
 */
final class ConfigKeyNames {

    private ConfigKeyNames() {
    }

    static List<String> of(List<ConfigStats> configs) {
        Set<String> keys = new HashSet<>();
        for (ConfigStats config : configs) {
            keys.addAll(config.getConfig().keySet());
        }
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        return sorted;
    }
}
