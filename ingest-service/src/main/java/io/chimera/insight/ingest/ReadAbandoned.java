package io.chimera.insight.ingest;

/**
 * Thrown by an {@link IngestSink} that will take no more of a file (its window is full, its
 * transaction failed): {@link FileIngestor} lets it through at once, and what was read is not used.
 */
public final class ReadAbandoned extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReadAbandoned(String reason) {
        super(reason, null, false, false);
    }
}
