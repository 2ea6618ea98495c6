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
 * really one JSON object per line. The extensions are those the registered parsers declare
 * ({@link InputFormats}); content is recognised as JSON, NDJSON, CSV or Markdown.
 */
public final class FormatDetector {

    private static final Pattern MARKDOWN_SIGNS = Pattern.compile("(?m)^(#{1,6} |\\|.*\\|\\s*$|[-*] |```)");
    private static final int SNIFF_LINES = 20;

    private FormatDetector() {
    }

    /**
     * @param text the file's text, or its first characters ({@link SourceReader#prefix}): content is
     *             recognised from its start
     */
    public static FileFormat detect(String fileName, String text) {
        Optional<FileFormat> promised = byExtension(fileName);
        if (promised.isEmpty()) {
            return sniff(text);
        }
        // Rigs name JSON-lines files .json too: one whole object per line is NDJSON.
        if (promised.get() == FileFormat.JSON && looksLikeNdjson(text)) {
            return FileFormat.NDJSON;
        }
        return promised.get();
    }

    /**
     * The format an extension promises, before any content is read: that of the registered parser
     * ({@link InputFormats}) claiming the extension.
     */
    public static Optional<FileFormat> byExtension(String fileName) {
        return InputFormats.forExtension(extension(fileName)).map(InputFormat::format);
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
