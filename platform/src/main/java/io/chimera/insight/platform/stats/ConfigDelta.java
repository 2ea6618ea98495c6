package io.chimera.insight.platform.stats;

import io.chimera.insight.platform.metrics.Better;
import java.util.Objects;

/**
 * How one configuration differs from another (the baseline) on one metric: difference of the
 * means and whether it is significant by Welch's t-test.
 *
 * @param metric             the metric and its direction
 * @param unit               unit of the means and of {@code difference}
 * @param baselineConfigKey  config key of the reference configuration
 * @param otherConfigKey     config key of the configuration compared with it
 * @param baselineCount      samples behind the baseline mean
 * @param otherCount         samples behind the other mean
 * @param baselineMean       mean of the baseline
 * @param otherMean          mean of the other configuration
 * @param difference         {@code otherMean - baselineMean}
 * @param relativeDifference {@code difference / |baselineMean|} (0.25 = 25 % more); null when the baseline mean is 0
 * @param pValue             two-sided Welch p-value; null when it is undefined (see {@link WelchTest})
 * @param significant        {@code pValue < } {@link ConfigComparison#SIGNIFICANCE_LEVEL}; false when
 *                           {@code pValue} is null
 */
public record ConfigDelta(ComparedMetric metric, String unit, String baselineConfigKey, String otherConfigKey,
                          long baselineCount, long otherCount, double baselineMean, double otherMean,
                          double difference, Double relativeDifference, Double pValue, boolean significant) {

    public ConfigDelta {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(baselineConfigKey, "baselineConfigKey");
        Objects.requireNonNull(otherConfigKey, "otherConfigKey");
    }

    /** Whether the other configuration's mean is better than the baseline's (significant or not). */
    public boolean better() {
        return metric.isBetter(otherMean, baselineMean);
    }

    /**
     * The relative change in the metric's good direction: throughput improvement for tokens/s
     * ({@code +0.10} = 10 % faster), TTFT reduction for ttft ({@code +0.10} = 10 % shorter);
     * negative when the other configuration is worse. Null when the baseline mean is 0.
     */
    public Double improvement() {
        if (relativeDifference == null) {
            return null;
        }
        return metric.better() == Better.HIGHER ? relativeDifference : -relativeDifference;
    }
}
