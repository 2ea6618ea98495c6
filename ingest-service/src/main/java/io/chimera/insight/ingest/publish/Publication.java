package io.chimera.insight.ingest.publish;

import io.chimera.insight.ingest.IngestedFile;

/**
 * What became of one file handed to {@link TransactionalFilePublisher#publishAll}: its outcome
 * once its transaction committed, or why it could not be published (nothing of it is visible then,
 * and its state still says unpublished, so offering it again is safe).
 */
public sealed interface Publication permits Publication.Done, Publication.Failed {

    IngestedFile file();

    /** The file's transaction committed, or this very version was published before. */
    record Done(IngestedFile file, PublishOutcome outcome) implements Publication {
    }

    /** The file's transaction was aborted, or never begun. */
    record Failed(IngestedFile file, PublishException error) implements Publication {
    }
}
