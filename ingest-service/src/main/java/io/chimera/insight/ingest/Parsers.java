package io.chimera.insight.ingest;

import io.chimera.insight.events.FileFormat;
import io.chimera.insight.ingest.normalise.MappingRules;
import io.chimera.insight.ingest.parse.FileParser;
import io.chimera.insight.ingest.parse.InputFormat;
import io.chimera.insight.ingest.parse.InputFormats;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The parser of each registered format ({@link InputFormats}), made for one set of mapping rules. */
final class Parsers {

    private final Map<FileFormat, FileParser> byFormat = new EnumMap<>(FileFormat.class);

    Parsers(MappingRules rules) {
        for (InputFormat format : InputFormats.ALL) {
            byFormat.put(format.format(), format.newParser().apply(rules));
        }
    }

    Optional<FileParser> forFormat(FileFormat format) {
        return Optional.ofNullable(byFormat.get(format));
    }
}
