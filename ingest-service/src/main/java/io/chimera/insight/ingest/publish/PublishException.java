package io.chimera.insight.ingest.publish;

/** A file could not be published; its transaction was aborted, so none of it is visible. */
public class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
