package io.chimera.insight.ingest.publish;

import io.chimera.insight.platform.kafka.KafkaFailures;

/**
 * A file could not be published; its transaction was aborted, so none of it is visible. Its cause
 * is the reason the cluster or the encoder gave, when there is one.
 */
public class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    /** @param cause the reason; whether retrying can fix it follows from it ({@link KafkaFailures#isPermanent}) */
    public PublishException(String message, Throwable cause) {
        super(message, cause);
        this.permanent = cause != null && KafkaFailures.isPermanent(cause);
    }

    /**
     * Whether retrying cannot fix it: the cluster refused a record (too large, invalid) or a value
     * cannot be encoded, so one file is to blame and the others can go without it; otherwise
     * (unreachable, timed out) every file would fail the same way, and a later attempt may succeed.
     */
    public boolean permanent() {
        return permanent;
    }

    /** The reason the cluster or the encoder gave, else this exception. */
    public Throwable reason() {
        return getCause() != null ? getCause() : this;
    }
}
