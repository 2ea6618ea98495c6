package io.chimera.insight.analysis.prompt;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.platform.stats.BestConfig;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.ConfigComparison;
import io.chimera.insight.platform.stats.MeanInterval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Orders configurations for the prompt. A configuration is <em>replicated</em> when it has at least
 * {@value ConfigComparison#MIN_RUNS_FOR_BEST} tokens/s values: only then does its mean have an
 * interval, and only then may it be called best ({@link ConfigComparison#bestReplicated}, the same
 * rule as the report's). A single run is labelled so in the prompt.
 *
 * <ul>
 *   <li>Shown: replicated configurations first, in {@link ConfigComparison#rankedReplicated}'s order
 *       for tokens/s (by the lower end of their 95 % interval of the mean: what their runs guarantee),
 *       then the others by mean tokens/s; ties by config key.</li>
 *   <li>Kept when not all fit: the best replicated ones (tokens/s, then TTFT), the fastest and the
 *       slowest by mean tokens/s (they bound the trade-off), then the rest by run count (more runs,
 *       firmer figures), ties by config key so the order is stable.</li>
 * </ul>
 */
final class ConfigRanking {

    private static final Comparator<ConfigStats> BY_RUNS_THEN_KEY = Comparator
            .comparingLong(ConfigStats::getRuns).reversed()
            .thenComparing(ConfigStats::getConfigKey);

    private ConfigRanking() {
    }

    static List<ConfigStats> mostInformativeFirst(List<ConfigStats> configs, ConfigComparison comparison) {
        List<ConfigStats> candidates = new ArrayList<>();
        comparison.bestReplicated(ComparedMetric.TOKENS_PER_S).ifPresent(best -> candidates.add(best.config()));
        comparison.bestReplicated(ComparedMetric.TTFT_MS).ifPresent(best -> candidates.add(best.config()));
        // The fastest and the slowest: the first and the last of a stable sort by byMeanTokensPerSDescending,
        // found in one pass (the sort compared through two map look-ups per comparison, for two configurations).
        Comparator<ConfigStats> byThroughput = byMeanTokensPerSDescending();
        ConfigStats fastest = null;
        ConfigStats slowest = null;
        for (ConfigStats config : configs) {
            if (meanTokensPerS(config).isEmpty()) {
                continue;
            }
            if (fastest == null || byThroughput.compare(config, fastest) < 0) {
                fastest = config;
            }
            if (slowest == null || byThroughput.compare(config, slowest) >= 0) {
                slowest = config;
            }
        }
        if (fastest != null) {
            candidates.add(fastest);
            candidates.add(slowest);
        }
        List<ConfigStats> rest = new ArrayList<>(configs);
        rest.sort(BY_RUNS_THEN_KEY);
        candidates.addAll(rest);
        // Identity, not equals(): Avro equality would hash whole records, and duplicates are by reference here.
        Set<ConfigStats> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return candidates.stream().filter(seen::add).toList();
    }

    /**
     * Replicated first, in the order {@link ConfigComparison#rankedReplicated} gives them for tokens/s
     * (the report's: by the lower end of the interval, highest first), then single runs by mean.
     */
    static Comparator<ConfigStats> forDisplay(ConfigComparison comparison) {
        Map<String, Integer> place = new HashMap<>();
        List<BestConfig> replicated = comparison.rankedReplicated(ComparedMetric.TOKENS_PER_S);
        for (int i = 0; i < replicated.size(); i++) {
            place.put(replicated.get(i).configKey(), i);
        }
        return Comparator
                .comparingInt((ConfigStats config) -> place.getOrDefault(config.getConfigKey(), Integer.MAX_VALUE))
                .thenComparing(byMeanTokensPerSDescending());
    }

    /** Fastest first; configurations without a tokens/s mean last, by key. */
    static Comparator<ConfigStats> byMeanTokensPerSDescending() {
        return Comparator
                .comparingDouble((ConfigStats config) -> meanTokensPerS(config).orElse(Double.NEGATIVE_INFINITY))
                .reversed()
                .thenComparing(ConfigStats::getConfigKey);
    }

    static OptionalDouble meanTokensPerS(ConfigStats config) {
        MetricStats stats = tokensPerS(config);
        return stats == null || stats.getCount() == 0 ? OptionalDouble.empty() : OptionalDouble.of(stats.getMean());
    }

    /** The 95 % interval of the mean tokens/s; empty below {@value ConfigComparison#MIN_RUNS_FOR_BEST} values. */
    static Optional<MeanInterval> tokensPerSInterval(ConfigStats config) {
        return interval(tokensPerS(config));
    }

    static Optional<MeanInterval> interval(MetricStats stats) {
        if (stats == null || stats.getCount() < ConfigComparison.MIN_RUNS_FOR_BEST) {
            return Optional.empty();
        }
        return MeanInterval.of(stats.getCount(), stats.getMean(), stats.getStddev() * stats.getStddev());
    }

    private static MetricStats tokensPerS(ConfigStats config) {
        return config.getMetrics().get(CanonicalMetric.TOKENS_PER_S.canonicalName());
    }
}
