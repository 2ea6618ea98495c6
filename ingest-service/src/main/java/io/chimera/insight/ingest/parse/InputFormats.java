package io.chimera.insight.ingest.parse;

import io.chimera.insight.events.FileFormat;
import io.chimera.insight.ingest.parse.csv.CsvFileParser;
import io.chimera.insight.ingest.parse.json.JsonFileParser;
import io.chimera.insight.ingest.parse.json.NdjsonFileParser;
import io.chimera.insight.ingest.parse.markdown.MarkdownFileParser;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The input formats that have a parser: the one place a new format is registered. Format detection
 * by extension ({@link FormatDetector}), the parser of each format ({@code ingest.Parsers}) and the
 * list of supported formats in the message of a file no parser reads all come from here.
 */
public final class InputFormats {

    /** Every registered format, in the order messages name them. */
    public static final List<InputFormat> ALL = List.of(
            CsvFileParser.FORMAT,
            JsonFileParser.FORMAT,
            NdjsonFileParser.FORMAT,
            MarkdownFileParser.FORMAT);

    private static final Map<String, InputFormat> BY_EXTENSION = indexByExtension(ALL);

    private InputFormats() {
    }

    /** The format a (lower-case) extension promises, if a registered parser claims it. */
    static Optional<InputFormat> forExtension(String extension) {
        return Optional.ofNullable(BY_EXTENSION.get(extension));
    }

    /** The names of the supported formats, for messages: {@code CSV, JSON, NDJSON, Markdown}. */
    public static String names() {
        return ALL.stream().map(InputFormat::name).collect(Collectors.joining(", "));
    }

    /** Each extension's format; two parsers for one format, or for one extension, are an error. */
    static Map<String, InputFormat> indexByExtension(List<InputFormat> formats) {
        Set<FileFormat> seen = EnumSet.noneOf(FileFormat.class);
        Map<String, InputFormat> byExtension = new HashMap<>();
        for (InputFormat format : formats) {
            if (!seen.add(format.format())) {
                throw new IllegalStateException("two parsers registered for " + format.format());
            }
            for (String extension : format.extensions()) {
                InputFormat other = byExtension.putIfAbsent(extension, format);
                if (other != null) {
                    throw new IllegalStateException("." + extension + " is claimed by both " + other.name()
                            + " and " + format.name());
                }
            }
        }
        return Map.copyOf(byExtension);
    }
}
