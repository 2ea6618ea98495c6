package io.chimera.insight.report.render;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.util.Comparator;
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
        if (metrics.getConfigs().size() < 2) {
            return Optional.empty();
        }
        return metrics.getConfigs().stream()
                .filter(c -> c.getMetrics().containsKey(MetricOrder.TOKENS_PER_S))
                .max(Comparator.comparingDouble(c -> c.getMetrics().get(MetricOrder.TOKENS_PER_S).getMean()));
    }

    /** A config map printed as {@code k=v, k=v}; "(none)" for runs without configuration. */
    public static String configLabel(ConfigStats config) {
        return config.getConfigKey().isEmpty() ? "(none)" : config.getConfigKey().replace(",", ", ");
    }
}
