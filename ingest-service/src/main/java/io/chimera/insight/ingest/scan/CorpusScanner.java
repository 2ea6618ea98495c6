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
 *
 * <p>What is not a regular file is never opened (a FIFO would block the reader): FIFOs, sockets,
 * devices, links leading out of the root, broken links and link loops are each logged once, at INFO,
 * and listed in {@link Scan#skipped()}. Ignored names are skipped without a word, as asked.
 */
public final class CorpusScanner {

    /** Hidden files and folders, and the partial files editors and downloads leave behind. */
    public static final List<String> DEFAULT_IGNORES = List.of(".*", "*.tmp", "*.part", "*~");

    private static final Logger log = LoggerFactory.getLogger(CorpusScanner.class);
    private static final String OUT_OF_ROOT = "a symbolic link leading out of the root, not followed";

    private final IgnoreRules ignore;

    /**
     * What a scan found.
     *
     * @param files   the regular files to read, in order
     * @param skipped the paths not read because they are not regular files, in the order met
     */
    public record Scan(List<ScannedFile> files, List<NotRegularFile> skipped) {

        public Scan {
            files = List.copyOf(files);
            skipped = List.copyOf(skipped);
        }
    }

    public CorpusScanner() {
        this(DEFAULT_IGNORES);
    }

    /** A scanner skipping {@code ignoreGlobs} (they replace the defaults; include them to extend). */
    public CorpusScanner(List<String> ignoreGlobs) {
        this.ignore = new IgnoreRules(ignoreGlobs);
    }

    public List<ScannedFile> scan(Path... roots) {
        return scanAll(List.of(roots)).files();
    }

    /**
     * The files under {@code roots} and what was skipped. A root that is itself a file is listed as
     * the one file of its folder.
     *
     * @throws IllegalArgumentException when a root does not exist
     * @throws UncheckedIOException when a root cannot be read at all
     */
    public Scan scanAll(List<Path> roots) {
        List<ScannedFile> found = new ArrayList<>();
        List<NotRegularFile> skipped = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path given : roots) {
            Path root = given.toAbsolutePath().normalize();
            if (!Files.exists(root)) {
                throw new IllegalArgumentException("no such file or folder: " + given);
            }
            List<ScannedFile> underRoot = Files.isDirectory(root) ? walk(root, skipped) : single(root, skipped);
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
        return new Scan(found, skipped);
    }

    private List<ScannedFile> single(Path file, List<NotRegularFile> skipped) {
        Path folder = file.getParent();
        if (folder != null && ignore.ignores(folder, file)) {
            return new ArrayList<>();
        }
        if (!Files.isRegularFile(file)) {
            skip(NotRegularFile.special(file), skipped);
            return new ArrayList<>();
        }
        return new ArrayList<>(List.of(new ScannedFile(folder == null ? file : folder, file)));
    }

    private static void skip(NotRegularFile path, List<NotRegularFile> skipped) {
        log.info(path.describe());
        skipped.add(path);
    }

    private List<ScannedFile> walk(Path root, List<NotRegularFile> skipped) {
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
                            if (ignore.ignores(root, dir)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            if (!insideRoot(dir, realRoot)) {
                                skip(new NotRegularFile(dir, OUT_OF_ROOT), skipped);
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (ignore.ignores(root, file)) {
                                return FileVisitResult.CONTINUE;
                            }
                            if (attrs.isSymbolicLink()) { // links are followed, so this one leads nowhere
                                skip(new NotRegularFile(file, "a broken symbolic link"), skipped);
                            } else if (!attrs.isRegularFile()) {
                                skip(NotRegularFile.special(file), skipped);
                            } else if (!insideRoot(file, realRoot)) {
                                skip(new NotRegularFile(file, OUT_OF_ROOT), skipped);
                            } else {
                                files.add(new ScannedFile(root, file));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (e instanceof FileSystemLoopException) {
                                skip(new NotRegularFile(file, "a symbolic link making a loop"), skipped);
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
        return realPath(path).startsWith(realRoot);
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
