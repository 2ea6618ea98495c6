package io.chimera.insight.ingest.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the files under one or more roots, once: recursively, sorted (roots in the order given,
 * then by root-relative path), skipping ignored names.
 *
 * <p>Symbolic links are followed only while they stay inside the root they were found under, so a
 * link cannot pull {@code /etc} or another user's folder into a report. Folders that cannot be read
 * are skipped with a warning in the log, not an error: one unreadable folder must not hide the rest.
 * A file reached both directly and through a link is listed once, under its direct path.
 */
public final class CorpusScanner {

    /** Hidden files and folders, and the partial files editors and downloads leave behind. */
    public static final List<String> DEFAULT_IGNORES = List.of(".*", "*.tmp", "*.part", "*~");

    private static final Logger log = LoggerFactory.getLogger(CorpusScanner.class);

    private final IgnoreRules ignore;

    public CorpusScanner() {
        this(DEFAULT_IGNORES);
    }

    /** A scanner skipping {@code ignoreGlobs} (they replace the defaults; include them to extend). */
    public CorpusScanner(List<String> ignoreGlobs) {
        this.ignore = new IgnoreRules(ignoreGlobs);
    }

    public List<ScannedFile> scan(Path... roots) {
        return scan(List.of(roots));
    }

    /**
     * The files under {@code roots}. A root that is itself a file is listed as the one file of its
     * folder.
     *
     * @throws IllegalArgumentException when a root does not exist
     * @throws UncheckedIOException when a root cannot be read at all
     */
    public List<ScannedFile> scan(List<Path> roots) {
        List<ScannedFile> found = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path given : roots) {
            Path root = given.toAbsolutePath().normalize();
            if (!Files.exists(root)) {
                throw new IllegalArgumentException("no such file or folder: " + given);
            }
            List<ScannedFile> underRoot = Files.isDirectory(root) ? walk(root) : single(root);
            // A file reached both directly and through a link keeps its direct path: removing the
            // link later must not change the file's identity.
            Path realRoot = realPath(root);
            underRoot.sort(Comparator.comparing((ScannedFile f) -> reachedThroughLink(realRoot, f))
                    .thenComparing(ScannedFile::relativePath));
            List<ScannedFile> kept = new ArrayList<>();
            for (ScannedFile file : underRoot) {
                if (seen.add(realPath(file.file()))) {
                    kept.add(file);
                }
            }
            kept.sort(Comparator.comparing(ScannedFile::relativePath));
            found.addAll(kept);
        }
        return found;
    }

    private List<ScannedFile> single(Path file) {
        Path folder = file.getParent();
        return folder != null && ignore.ignores(folder, file) ? new ArrayList<>()
                : new ArrayList<>(List.of(new ScannedFile(folder == null ? file : folder, file)));
    }

    private List<ScannedFile> walk(Path root) {
        Path realRoot = realPath(root);
        List<ScannedFile> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (dir.equals(root)) {
                                return FileVisitResult.CONTINUE;
                            }
                            if (ignore.ignores(root, dir) || !insideRoot(dir, realRoot)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && !ignore.ignores(root, file) && insideRoot(file, realRoot)) {
                                files.add(new ScannedFile(root, file));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (e instanceof FileSystemLoopException) {
                                log.debug("skipping symbolic link loop at {}", file);
                            } else if (file.equals(root)) {
                                throw new UncheckedIOException("cannot read " + root, e);
                            } else {
                                log.warn("skipping unreadable {}: {}", file, e.getMessage());
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + root, e);
        }
        return files;
    }

    /** Whether the path, links resolved, is still under the root (links resolved too). */
    private static boolean insideRoot(Path path, Path realRoot) {
        boolean inside = realPath(path).startsWith(realRoot);
        if (!inside) {
            log.debug("not following {}: it leads out of {}", path, realRoot);
        }
        return inside;
    }

    private static boolean reachedThroughLink(Path realRoot, ScannedFile file) {
        return !realPath(file.file()).equals(realRoot.resolve(file.root().relativize(file.file())));
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
