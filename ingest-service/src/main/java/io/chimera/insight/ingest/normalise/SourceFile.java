package io.chimera.insight.ingest.normalise;

import java.time.Instant;
import java.util.Optional;

/**
 * The file a record came from, as the normaliser needs it.
 *
 * @param fileId stable id of the file (hex SHA-256 of its root-relative path)
 * @param sha256 hex SHA-256 of the content read
 * @param relativePath root-relative path, {@code /}-separated
 * @param pathModel the model named by the path, if any (see {@link ModelFromPath})
 * @param ingestedAt when ingest read the file
 */
public record SourceFile(String fileId, String sha256, String relativePath, Optional<String> pathModel,
                         Instant ingestedAt) {
}
