package io.chimera.insight.ingest;

import io.chimera.insight.events.FileFormat;
import io.chimera.insight.ingest.normalise.MappingRules;
import io.chimera.insight.ingest.parse.csv.CsvFileParser;
import io.chimera.insight.ingest.parse.FileParser;
import io.chimera.insight.ingest.parse.json.JsonFileParser;
import io.chimera.insight.ingest.parse.markdown.MarkdownFileParser;
import io.chimera.insight.ingest.parse.json.NdjsonFileParser;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The parser of each supported format. */
final class Parsers {

    private final Map<FileFormat, FileParser> byFormat = new EnumMap<>(FileFormat.class);

    Parsers(MappingRules rules) {
        byFormat.put(FileFormat.CSV, new CsvFileParser(rules));
        byFormat.put(FileFormat.JSON, new JsonFileParser(rules));
        byFormat.put(FileFormat.NDJSON, new NdjsonFileParser(rules));
        byFormat.put(FileFormat.MARKDOWN, new MarkdownFileParser(rules));
    }

    Optional<FileParser> forFormat(FileFormat format) {
        return Optional.ofNullable(byFormat.get(format));
    }
}
