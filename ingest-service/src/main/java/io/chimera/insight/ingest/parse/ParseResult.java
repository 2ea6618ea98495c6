package io.chimera.insight.ingest.parse;

import java.util.List;

/**
 * What a parser read from a file.
 *
 * @param records records found, in file order
 * @param problems parts that could not be used
 * @param warnings things noticed but read past (shown on the file event)
 */
public record ParseResult(List<RawRecord> records, List<Problem> problems, List<String> warnings) {

    public ParseResult {
        records = List.copyOf(records);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }
}
