package io.chimera.insight.ingest.parse.json;

import io.chimera.insight.ingest.parse.FileParser;
import io.chimera.insight.ingest.parse.InputFormat;
import io.chimera.insight.ingest.parse.ParseResult;
import io.chimera.insight.ingest.parse.RawRecord;
import io.chimera.insight.ingest.parse.SourceText;
import io.chimera.insight.ingest.parse.UnusableFileException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.insight.events.FileFormat;
import io.chimera.insight.ingest.normalise.MappingRules;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON document (Jackson tree); see {@link JsonRecordWalker} for what becomes a record. */
public final class JsonFileParser implements FileParser {

    /** Read from {@code .json}; registered in {@code InputFormats}. */
    public static final InputFormat FORMAT =
            new InputFormat(FileFormat.JSON, "JSON", List.of("json"), JsonFileParser::new);

    private final MappingRules rules;

    public JsonFileParser(MappingRules rules) {
        this.rules = rules;
    }

    @Override
    public ParseResult parse(SourceText source) throws UnusableFileException {
        JsonNode root;
        try {
            root = JsonValues.MAPPER.readTree(source.text());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String locator = at == null ? "" : "line " + at.getLineNr();
            throw new UnusableFileException("JsonSyntax", "not valid JSON: " + e.getOriginalMessage(),
                    around(source.text(), at), locator);
        }
        List<RawRecord> records = new ArrayList<>();
        if (root != null) {
            new JsonRecordWalker(rules, rules.isSummaryFileName(source.fileName())).walk(root, "", false, records);
        }
        List<String> warnings = records.isEmpty() ? List.of("no object holds a known metric") : List.of();
        return new ParseResult(records, List.of(), warnings);
    }

    /** Up to 512 characters around the error, so the dead letter shows what broke. */
    private static String around(String text, JsonLocation at) {
        int offset = at == null ? 0 : (int) Math.max(0, Math.min(text.length(), at.getCharOffset()));
        int start = Math.max(0, offset - 256);
        return text.substring(start, Math.min(text.length(), start + 512));
    }
}
