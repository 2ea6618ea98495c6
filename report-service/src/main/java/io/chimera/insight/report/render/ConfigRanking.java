package io.chimera.insight.report.render;

import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.stats.BestConfig;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.ConfigComparison;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which the report lists a model's configurations for one metric: by the worse end of
 * the 95 % interval among those with 2 or more runs ({@link ConfigComparison#rankedReplicated}, the
 * order the recommendation comes from), or, when no configuration has 2 runs, by the mean of their
 * single runs ({@link ConfigComparison#rankedByMean}), which is no evidence and is labelled so.
 *
 * @param replicated whether the ranking is by interval (true) or by single runs' means (false)
 * @param ranked     best first; configurations with fewer than 2 runs are left out of a replicated ranking
 */
record ConfigRanking(ComparedMetric metric, boolean replicated, List<BestConfig> ranked) {

    ConfigRanking {
        ranked = List.copyOf(ranked);
    }

    static ConfigRanking of(ModelMetrics metrics, ComparedMetric metric) {
        ConfigComparison comparison = ConfigComparison.of(metrics);
        List<BestConfig> replicated = comparison.rankedReplicated(metric);
        return replicated.isEmpty() ? new ConfigRanking(metric, false, comparison.rankedByMean(metric))
                : new ConfigRanking(metric, true, replicated);
    }

    /** Each ranked configuration's place by config key, 1 for the best; a configuration not ranked is absent. */
    Map<String, Integer> places() {
        Map<String, Integer> places = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            places.put(ranked.get(i).configKey(), i + 1);
        }
        return places;
    }
}
