package io.chimera.insight.ingest.scan;

import io.chimera.insight.ingest.RelativePath;
import java.nio.file.Path;

/**
 * A benchmark file found under a scanned root.
 *
 * @param root the root it was found under (its id derives from the path relative to this)
 * @param file the file
 */
public record ScannedFile(Path root, Path file) {

    /** The file's path relative to its root, {@code /}-separated. */
    public String relativePath() {
        return RelativePath.of(root, file);
    }
}
