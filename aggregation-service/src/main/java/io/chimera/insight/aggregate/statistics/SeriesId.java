package io.chimera.insight.aggregate.statistics;

import java.util.Objects;

/** One change-detection series: a metric of one configuration of one model. */
public record SeriesId(String model, String configKey, String metric) {

    public SeriesId {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(configKey, "configKey");
        Objects.requireNonNull(metric, "metric");
    }
}
