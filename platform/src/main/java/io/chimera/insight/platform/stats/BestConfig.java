package io.chimera.insight.platform.stats;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import java.util.Objects;

/**
 * The configuration with the best mean of one metric.
 *
 * @param metric the metric and its direction
 * @param config the winning configuration
 * @param stats  the winner's statistics of that metric
 */
public record BestConfig(ComparedMetric metric, ConfigStats config, MetricStats stats) {

    public BestConfig {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(stats, "stats");
    }

    public String configKey() {
        return config.getConfigKey();
    }

    public double mean() {
        return stats.getMean();
    }

    public String unit() {
        return stats.getUnit();
    }

    /** The 95 % interval of the winner's mean; empty for a single run. */
    public java.util.Optional<MeanInterval> interval() {
        return MeanInterval.of(stats.getCount(), stats.getMean(), stats.getStddev() * stats.getStddev());
    }
}
