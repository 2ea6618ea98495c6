package io.chimera.insight.ingest.parse.json;

import io.chimera.insight.ingest.parse.FileParser;
import io.chimera.insight.ingest.parse.InputFormat;
import io.chimera.insight.ingest.parse.ParseResult;
import io.chimera.insight.ingest.parse.Problem;
import io.chimera.insight.ingest.parse.RawRecord;
import io.chimera.insight.ingest.parse.SourceText;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.insight.events.FileFormat;
import io.chimera.insight.ingest.normalise.MappingRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one JSON value per line. A line that is not JSON is a problem (dead letter) and the other
 * lines are still read; records are located as {@code line N} followed by their pointer within the
 * line ({@code line 3 /}, {@code line 3 /results/0}).
 */
public final class NdjsonFileParser implements FileParser {

    /** Read from {@code .ndjson, .jsonl}; registered in {@code InputFormats}. */
    public static final InputFormat FORMAT =
            new InputFormat(FileFormat.NDJSON, "NDJSON", List.of("ndjson", "jsonl"), NdjsonFileParser::new);

    private final MappingRules rules;

    public NdjsonFileParser(MappingRules rules) {
        this.rules = rules;
    }

    @Override
    public ParseResult parse(SourceText source) {
        JsonRecordWalker walker = new JsonRecordWalker(rules, rules.isSummaryFileName(source.fileName()));
        List<RawRecord> records = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<String> lines = source.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String locator = "line " + (i + 1);
            try {
                JsonNode node = JsonValues.MAPPER.readTree(line);
                int before = records.size();
                walker.walk(node, locator, true, records);
                if (records.size() == before) {
                    problems.add(new Problem(Problem.STAGE_PARSE, locator, "NoRecord",
                            "the line holds no object with a known metric", line));
                }
            } catch (JsonProcessingException e) {
                problems.add(new Problem(Problem.STAGE_PARSE, locator, "JsonSyntax",
                        "not valid JSON: " + e.getOriginalMessage(), line));
            }
        }
        return new ParseResult(records, problems, List.of());
    }
}
