package io.chimera.insight.platform.kafka;

import io.chimera.insight.platform.topics.TopicNames;
import java.util.Objects;

/**
 * What every Kafka client of the pipeline needs to know, together: where the cluster and its
 * registry are ({@code settings}), what our topics are called there ({@code names}) and how their
 * keys and values are encoded ({@code serdes}).
 */
public record KafkaContext(KafkaSettings settings, TopicNames names, EventSerdes serdes) {

    public KafkaContext {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(serdes, "serdes");
    }
}
