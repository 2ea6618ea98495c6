package io.chimera.insight.localstack.kafka;

/**
 * Raised where the embedded broker would otherwise have terminated the JVM (see
 * {@link EmbeddedKafkaBroker}); the broker is unusable afterwards and should be closed.
 */
public final class KafkaFatalError extends RuntimeException {

    public KafkaFatalError(String message) {
        super(message);
    }
}
