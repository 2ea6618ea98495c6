package io.chimera.insight.report.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reports folder: {@code <root>/<model-slug>/latest.md}, {@code latest.json}, the charts beside
 * them, a timestamped copy of each new Markdown version, {@code <root>/index.md} and
 * {@code <root>/dead-letters.md}. Every file is written atomically and only when its content changed.
 */
public final class ReportStore {

    /** The dead-letter listing, in the root: what could not be used and why. */
    public static final String DEAD_LETTERS_FILE = "dead-letters.md";
    /** The report itself, in its model's folder. */
    public static final String LATEST_MARKDOWN = "latest.md";
    /** The report's facts for machines, in its model's folder. */
    public static final String LATEST_JSON = "latest.json";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * Where a report went and what it holds.
     *
     * @param changed whether latest.md changed (and so a timestamped copy was made)
     * @param written the file names written this time: unchanged files are not rewritten
     */
    public record WrittenReport(Path markdown, Path json, String sha256, long bytes, boolean changed,
                                Set<String> written) {

        public WrittenReport {
            written = Set.copyOf(written);
        }
    }

    private final Path root;

    public ReportStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path folderOf(String model) {
        Path folder = root.resolve(ModelSlug.of(model)).normalize();
        if (!folder.getParent().equals(root)) {
            throw new IllegalArgumentException("model name escapes the reports folder: " + model);
        }
        return folder;
    }

    /** Writes latest.md and latest.json (each only if changed) and a timestamped copy of a changed latest.md. */
    public WrittenReport write(String model, String markdown, String json, Instant at) throws IOException {
        return write(model, markdown, json, Map.of(), Set.of(), at);
    }

    /**
     * Writes the report and the files beside it (charts), each only if changed.
     *
     * @param beside  file name to content, written next to latest.md
     * @param retired file names that may be left from an earlier version and no longer apply: removed
     */
    public WrittenReport write(String model, String markdown, String json, Map<String, String> beside,
                               Collection<String> retired, Instant at) throws IOException {
        Path folder = folderOf(model);
        Set<String> written = new LinkedHashSet<>();
        for (Map.Entry<String, String> file : beside.entrySet()) {
            if (AtomicFileWriter.writeIfChanged(inFolder(folder, file.getKey()), file.getValue())) {
                written.add(file.getKey());
            }
        }
        for (String name : retired) {
            if (!beside.containsKey(name)) {
                Files.deleteIfExists(inFolder(folder, name));
            }
        }
        Path latest = folder.resolve(LATEST_MARKDOWN);
        Path latestJson = folder.resolve(LATEST_JSON);
        // The Markdown last: a reader who sees the new report finds its charts already there.
        if (AtomicFileWriter.writeIfChanged(latestJson, json)) {
            written.add(LATEST_JSON);
        }
        boolean changed = AtomicFileWriter.writeIfChanged(latest, markdown);
        if (changed) {
            written.add(LATEST_MARKDOWN);
            String copy = STAMP.format(at) + ".md";
            if (AtomicFileWriter.writeIfChanged(folder.resolve(copy), markdown)) {
                written.add(copy);
            }
        }
        byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
        return new WrittenReport(latest, latestJson, sha256(bytes), bytes.length, changed, written);
    }

    /** A file name beside the report; anything with a path in it is refused. */
    private static Path inFolder(Path folder, String name) {
        Path file = folder.resolve(name).normalize();
        if (!folder.equals(file.getParent()) || name.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return file;
    }

    public void writeIndex(String markdown) throws IOException {
        Files.createDirectories(root);
        AtomicFileWriter.writeIfChanged(root.resolve("index.md"), markdown);
    }

    /** Writes the dead-letter listing, or removes it when {@code markdown} is empty (nothing to list). */
    public void writeDeadLetters(Optional<String> markdown) throws IOException {
        Path file = root.resolve(DEAD_LETTERS_FILE);
        if (markdown.isPresent()) {
            AtomicFileWriter.writeIfChanged(file, markdown.get());
        } else {
            Files.deleteIfExists(file);
        }
    }

    /** The dead-letter listing as a report links to it (from its model's folder), when there is one. */
    public Optional<String> deadLettersLink() {
        return Files.isRegularFile(root.resolve(DEAD_LETTERS_FILE)) ? Optional.of("../" + DEAD_LETTERS_FILE)
                : Optional.empty();
    }

    /** Whether reports can be written: the folder exists (or can be made) and is writable. */
    public boolean isWritable() {
        try {
            Files.createDirectories(root);
            return Files.isWritable(root);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
