package io.chimera.insight.analysis.prompt;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.platform.metrics.CanonicalMetric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Orders configurations by how much they tell the reader, for when not all fit in the prompt: the
 * fastest and the slowest by mean tokens/s (they bound the trade-off), then the rest by run count
 * (more runs, firmer figures), ties broken by config key so the order is stable.
 */
final class ConfigRanking {

    private static final Comparator<ConfigStats> BY_RUNS_THEN_KEY = Comparator
            .comparingLong(ConfigStats::getRuns).reversed()
            .thenComparing(ConfigStats::getConfigKey);

    private ConfigRanking() {
    }

    static List<ConfigStats> mostInformativeFirst(List<ConfigStats> configs) {
        List<ConfigStats> byThroughput = configs.stream()
                .filter(config -> meanTokensPerS(config).isPresent())
                .sorted(byMeanTokensPerSDescending())
                .toList();
        List<ConfigStats> candidates = new ArrayList<>();
        if (!byThroughput.isEmpty()) {
            candidates.add(byThroughput.get(0));
            candidates.add(byThroughput.get(byThroughput.size() - 1));
        }
        List<ConfigStats> rest = new ArrayList<>(configs);
        rest.sort(BY_RUNS_THEN_KEY);
        candidates.addAll(rest);
        // Identity, not equals(): Avro equality would hash whole records, and duplicates are by reference here.
        Set<ConfigStats> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return candidates.stream().filter(seen::add).toList();
    }

    /** Fastest first; configurations without a tokens/s mean last, by key. */
    static Comparator<ConfigStats> byMeanTokensPerSDescending() {
        return Comparator
                .comparingDouble((ConfigStats config) -> meanTokensPerS(config).orElse(Double.NEGATIVE_INFINITY))
                .reversed()
                .thenComparing(ConfigStats::getConfigKey);
    }

    static OptionalDouble meanTokensPerS(ConfigStats config) {
        MetricStats stats = config.getMetrics().get(CanonicalMetric.TOKENS_PER_S.canonicalName());
        return stats == null || stats.getCount() == 0 ? OptionalDouble.empty() : OptionalDouble.of(stats.getMean());
    }
}
