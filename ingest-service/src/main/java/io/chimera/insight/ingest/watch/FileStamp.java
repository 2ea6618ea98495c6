package io.chimera.insight.ingest.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * Size and modification time of a regular file: what must stay the same for a file to count as
 * complete, and what tells a rescan whether a file changed since it was last handed over.
 */
record FileStamp(long size, FileTime modified) {

    static FileStamp of(BasicFileAttributes attributes) {
        return new FileStamp(attributes.size(), attributes.lastModifiedTime());
    }

    /** The stamp of {@code file} if it is (still) a regular file and not a link. */
    static Optional<FileStamp> read(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? Optional.of(of(attributes)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
