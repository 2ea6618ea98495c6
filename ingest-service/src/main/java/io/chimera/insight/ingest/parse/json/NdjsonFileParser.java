package io.chimera.insight.ingest.parse.json;

import io.chimera.insight.ingest.parse.FileParser;
import io.chimera.insight.ingest.parse.InputFormat;
import io.chimera.insight.ingest.parse.Problem;
import io.chimera.insight.ingest.parse.RecordSink;
import io.chimera.insight.ingest.parse.SourceReader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.insight.events.FileFormat;
import io.chimera.insight.ingest.normalise.MappingRules;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

/**
 * Reads one JSON value per line, a line at a time. A line that is not JSON is a problem (dead letter) and the other
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
    public void parse(SourceReader source, RecordSink sink) throws IOException {
        JsonRecordWalker walker = new JsonRecordWalker(rules, rules.isSummaryFileName(source.fileName()));
        BufferedReader lines = source.reader();
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String locator = "line " + number;
            try {
                JsonNode node = JsonValues.MAPPER.readTree(line);
                if (walker.walk(node, locator, true, sink::record) == 0) {
                    sink.problem(new Problem(Problem.STAGE_PARSE, locator, "NoRecord",
                            "the line holds no object with a known metric", line));
                }
            } catch (JsonProcessingException e) {
                sink.problem(new Problem(Problem.STAGE_PARSE, locator, "JsonSyntax",
                        "not valid JSON: " + e.getOriginalMessage(), line));
            }
        }
    }
}
