package io.chimera.insight.ingest.publish;

/** A file could not be published; its transaction was aborted, so none of it is visible. */
public class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean recordRefused;

    public PublishException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /** @param recordRefused the cluster refused a record of the transaction (too large, invalid), not the transaction as such */
    public PublishException(String message, Throwable cause, boolean recordRefused) {
        super(message, cause);
        this.recordRefused = recordRefused;
    }

    /**
     * Whether the cluster refused one record: then one file is to blame and the others can go
     * without it; otherwise (unreachable, timed out) every file would fail the same way.
     */
    public boolean recordRefused() {
        return recordRefused;
    }
}
