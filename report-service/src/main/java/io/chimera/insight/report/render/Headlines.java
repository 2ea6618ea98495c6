package io.chimera.insight.report.render;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.stats.BestConfig;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.ConfigComparison;
import java.util.Optional;

/** Headline figures of a model, derived from its aggregate only. */
public final class Headlines {

    private Headlines() {
    }

    public static Optional<Double> p50(ModelMetrics metrics, String metric) {
        MetricStats stats = metrics.getMetrics().get(metric);
        return stats == null || stats.getCount() == 0 ? Optional.empty() : Optional.of(stats.getP50());
    }

    /** The configuration with the highest mean tokens/s, when there is more than one to choose from. */
    public static Optional<ConfigStats> bestThroughputConfig(ModelMetrics metrics) {
        return best(metrics, ComparedMetric.TOKENS_PER_S).map(BestConfig::config);
    }

    /**
     * The best configuration for {@code metric} ({@link ConfigComparison}'s rule), when at least two
     * configurations have a value of it: a single one is no choice.
     */
    public static Optional<BestConfig> best(ModelMetrics metrics, ComparedMetric metric) {
        long measured = metrics.getConfigs().stream()
                .map(c -> c.getMetrics().get(metric.name()))
                .filter(s -> s != null && s.getCount() > 0)
                .count();
        return measured < 2 ? Optional.empty() : ConfigComparison.of(metrics).best(metric);
    }

    /** A config map printed as {@code k=v, k=v}; "(none)" for runs without configuration. */
    public static String configLabel(ConfigStats config) {
        return configLabel(config.getConfigKey());
    }

    /** A config key printed as {@code k=v, k=v}; "(none)" for the empty one. */
    public static String configLabel(String configKey) {
        return configKey.isEmpty() ? "(none)" : configKey.replace(",", ", ");
    }
}
