package io.chimera.insight.ingest.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A path under a root that is not read because it is not a regular file: a FIFO (opening it would
 * block until a writer comes), a socket, a device, or a symbolic link that is not followed. Each
 * is logged once and counted where it was found ({@link CorpusScanner.Scan#skipped()}, the folder
 * watcher's {@code skipped()}); none is ever opened.
 *
 * @param path the path
 * @param why  what it is and why it is skipped ({@code a FIFO}, {@code a symbolic link leading out of the root})
 */
public record NotRegularFile(Path path, String why) {

    /** The file-type bits of {@code st_mode} and the values of the special types. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    /**
     * What the path is, found neither a regular file nor a folder nor a link: read from the
     * {@code unix:mode} attribute where the platform has it, without following links or opening it.
     */
    public static NotRegularFile special(Path path) {
        return new NotRegularFile(path, kind(path));
    }

    private static String kind(Path path) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "not a regular file";
        }
        return switch (mode & S_IFMT) {
            case S_IFIFO -> "a FIFO";
            case S_IFSOCK -> "a socket";
            case S_IFCHR, S_IFBLK -> "a device";
            default -> "not a regular file";
        };
    }

    /** The one log line: {@code skipping <path>: <why>}. */
    public String describe() {
        return "skipping " + path + ": " + why;
    }
}
