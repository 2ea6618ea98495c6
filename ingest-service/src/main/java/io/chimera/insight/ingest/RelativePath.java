package io.chimera.insight.ingest;

import java.io.File;
import java.nio.file.Path;

/**
 * A file's path relative to its scanned root, {@code /}-separated on every OS: the file's identity
 * (its id is the digest of this string), so moving the whole root keeps every id.
 */
public final class RelativePath {

    private RelativePath() {
    }

    /** The path of {@code file} relative to {@code root}; the absolute path when it is not under it. */
    public static String of(Path root, Path file) {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        Path absoluteFile = file.toAbsolutePath().normalize();
        Path relative = absoluteFile.startsWith(absoluteRoot) && !absoluteFile.equals(absoluteRoot)
                ? absoluteRoot.relativize(absoluteFile) : absoluteFile;
        return relative.toString().replace(File.separatorChar, '/');
    }
}
