package io.chimera.insight.platform.kafka.read;

import org.apache.kafka.common.KafkaException;

/**
 * A topic could not be read: the cluster did not answer in time. A {@link KafkaException}, as the
 * client's own failures are, so a caller that handles those handles this one too.
 */
public final class TopicReadException extends KafkaException {

    public TopicReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
