package io.chimera.insight.ingest.publish;

import io.chimera.insight.events.FileStatus;
import java.util.Optional;

/**
 * What publishing one file did.
 *
 * @param path the file's root-relative path
 * @param action PUBLISHED (a transaction was committed), DEAD_LETTERED (the cluster refused the file,
 *               or it failed too often: a transaction committed its REJECTED file event, one dead letter
 *               saying why, and its ingest-state entry) or SKIPPED (this version was already published)
 * @param sha256 the content digest of the version at hand
 * @param replacedSha256 the earlier version this one replaces, for a changed file
 * @param fileStatus the file's ingest status
 * @param runs RUN records published
 * @param summaries SUMMARY records published
 * @param deadLetters dead letters published
 */
public record PublishOutcome(String path, Action action, String sha256, Optional<String> replacedSha256,
                             FileStatus fileStatus, int runs, int summaries, int deadLetters) {

    public enum Action { PUBLISHED, DEAD_LETTERED, SKIPPED }

    /** Whether a transaction committed something of this version (its content, or its dead letter). */
    public boolean published() {
        return action != Action.SKIPPED;
    }
}
