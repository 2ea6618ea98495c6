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
import java.util.HexFormat;

/**
 * The reports folder: {@code <root>/<model-slug>/latest.md}, {@code latest.json}, a timestamped copy
 * of each new Markdown version, and {@code <root>/index.md}.
 */
public final class ReportStore {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Where a report went and what it holds. */
    public record WrittenReport(Path markdown, Path json, String sha256, long bytes, boolean changed) {
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
        Path folder = folderOf(model);
        Path latest = folder.resolve("latest.md");
        Path latestJson = folder.resolve("latest.json");
        boolean changed = AtomicFileWriter.writeIfChanged(latest, markdown);
        AtomicFileWriter.writeIfChanged(latestJson, json);
        if (changed) {
            AtomicFileWriter.writeIfChanged(folder.resolve(STAMP.format(at) + ".md"), markdown);
        }
        byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
        return new WrittenReport(latest, latestJson, sha256(bytes), bytes.length, changed);
    }

    public void writeIndex(String markdown) throws IOException {
        Files.createDirectories(root);
        AtomicFileWriter.writeIfChanged(root.resolve("index.md"), markdown);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
