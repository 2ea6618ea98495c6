package io.chimera.insight.ingest.parse;

import io.chimera.insight.events.FileFormat;
import io.chimera.insight.ingest.normalise.MappingRules;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a parser declares about the files it reads: the format it yields, that format's name in
 * messages, the file extensions (lower case, no dot) that promise it, and how to make the parser.
 * Each parser class holds its own ({@code CsvFileParser.FORMAT}); {@link InputFormats} lists them.
 */
public record InputFormat(FileFormat format, String name, List<String> extensions,
                          Function<MappingRules, FileParser> newParser) {

    public InputFormat {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(newParser, "newParser");
        extensions = List.copyOf(extensions);
        for (String extension : extensions) {
            if (extension.isEmpty() || extension.startsWith(".")
                    || !extension.equals(extension.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(name + ": an extension is lower case, without its dot: '"
                        + extension + "'");
            }
        }
    }
}
