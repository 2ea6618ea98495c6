package io.chimera.insight.ingest.parse;

import io.chimera.insight.ingest.parse.csv.DelimiterSniffer;

import io.chimera.insight.events.FileFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides a text file's format: by extension first (what the rig meant), by content when the
 * extension says nothing ({@code .txt}, {@code .log}, none) or when a {@code .json} file is
 * really one JSON object per line.
 */
public final class FormatDetector {

    private static final Pattern MARKDOWN_SIGNS = Pattern.compile("(?m)^(#{1,6} |\\|.*\\|\\s*$|[-*] |```)");
    private static final int SNIFF_LINES = 20;

    private FormatDetector() {
    }

    public static FileFormat detect(String fileName, String text) {
        String extension = extension(fileName);
        switch (extension) {
            case "csv", "tsv", "tab":
                return FileFormat.CSV;
            case "ndjson", "jsonl":
                return FileFormat.NDJSON;
            case "json":
                return looksLikeNdjson(text) ? FileFormat.NDJSON : FileFormat.JSON;
            case "md", "markdown":
                return FileFormat.MARKDOWN;
            default:
                return sniff(text);
        }
    }

    /** The format an extension promises, before any content is read. */
    public static Optional<FileFormat> byExtension(String fileName) {
        return switch (extension(fileName)) {
            case "csv", "tsv", "tab" -> Optional.of(FileFormat.CSV);
            case "ndjson", "jsonl" -> Optional.of(FileFormat.NDJSON);
            case "json" -> Optional.of(FileFormat.JSON);
            case "md", "markdown" -> Optional.of(FileFormat.MARKDOWN);
            default -> Optional.empty();
        };
    }

    private static FileFormat sniff(String text) {
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return looksLikeNdjson(text) ? FileFormat.NDJSON : FileFormat.JSON;
        }
        if (DelimiterSniffer.looksTabular(firstLines(text))) {
            return FileFormat.CSV;
        }
        if (MARKDOWN_SIGNS.matcher(text).find()) {
            return FileFormat.MARKDOWN;
        }
        return FileFormat.TEXT;
    }

    /** Several lines each holding a whole JSON object: {@code {...}\n{...}}. */
    private static boolean looksLikeNdjson(String text) {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(SNIFF_LINES).toList();
        if (lines.size() < 2) {
            return false;
        }
        return lines.stream().allMatch(l -> l.startsWith("{") && l.endsWith("}"));
    }

    private static List<String> firstLines(String text) {
        return text.lines().filter(l -> !l.isBlank()).limit(SNIFF_LINES).toList();
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
