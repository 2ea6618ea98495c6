package io.chimera.insight.ingest.parse.csv;

import io.chimera.insight.ingest.parse.FileParser;
import io.chimera.insight.ingest.parse.InputFormat;
import io.chimera.insight.ingest.parse.ParseResult;
import io.chimera.insight.ingest.parse.Problem;
import io.chimera.insight.ingest.parse.RawRecord;
import io.chimera.insight.ingest.parse.RecordContext;
import io.chimera.insight.ingest.parse.SourceText;
import io.chimera.insight.ingest.parse.UnusableFileException;
import io.chimera.insight.ingest.parse.json.JsonValues;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.insight.events.FileFormat;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.ingest.normalise.MappingRules;
import io.chimera.insight.ingest.normalise.Quantity;
import io.chimera.insight.ingest.normalise.SnakeCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a delimited table (commons-csv): one record per data row, located as {@code row N} where
 * N is the row a spreadsheet shows (the header is row 1).
 *
 * <ul>
 *   <li>The delimiter ({@code ,} {@code ;} tab) is sniffed from the first lines.</li>
 *   <li>The first row (after {@code #} comment lines) is the header when none of its cells is a
 *       number; a table without a header has no names to map and yields nothing, with a warning.</li>
 *   <li>A table none of whose columns is a known metric (a profiler dump) yields nothing.</li>
 *   <li>All rows are SUMMARY when the file is named like a summary or a column is an aggregate
 *       ({@code mean_tokens_s}).</li>
 *   <li>An {@code options} column holding a JSON object becomes the row's configuration.</li>
 *   <li>A row whose field count differs from the header's is a problem (dead letter), not a guess.</li>
 * </ul>
 */
public final class CsvFileParser implements FileParser {

    /** Read from {@code .csv, .tsv, .tab}; registered in {@code InputFormats}. */
    public static final InputFormat FORMAT =
            new InputFormat(FileFormat.CSV, "CSV", List.of("csv", "tsv", "tab"), CsvFileParser::new);

    private static final int SNIFF_LINES = 20;
    /** One format per delimiter the sniffer can answer (building one validates every setting). */
    private static final Map<Character, CSVFormat> FORMATS = new ConcurrentHashMap<>();

    private final MappingRules rules;

    public CsvFileParser(MappingRules rules) {
        this.rules = rules;
    }

    @Override
    public ParseResult parse(SourceText source) throws UnusableFileException {
        List<String> sample = source.text().lines().filter(l -> !l.isBlank()).limit(SNIFF_LINES).toList();
        char delimiter = DelimiterSniffer.sniff(sample);
        List<CSVRecord> rows = readRows(source, delimiter);
        List<String> warnings = new ArrayList<>();
        int headerIndex = headerIndex(rows);
        if (headerIndex < 0) {
            warnings.add(rows.isEmpty() ? "no rows" : "no header row: the first row holds numbers, so columns have no names");
            return new ParseResult(List.of(), List.of(), warnings);
        }
        List<String> header = uniqueNames(rows.get(headerIndex));
        if (header.stream().noneMatch(this::isMetricColumn)) {
            warnings.add("no column is a known metric (columns: " + abbreviate(header) + ")");
            return new ParseResult(List.of(), List.of(), warnings);
        }
        RecordKind kind = rules.isSummaryFileName(source.fileName())
                || header.stream().anyMatch(h -> rules.isAggregate(SnakeCase.of(h))) ? RecordKind.SUMMARY : RecordKind.RUN;
        List<RawRecord> records = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Table table = new Table(header, header.stream().map(h -> rules.isOptionsField(SnakeCase.of(h))).toList(),
                kind, delimiter, new HashMap<>());
        for (int i = headerIndex + 1; i < rows.size(); i++) {
            readRow(rows.get(i), table, records, problems, warnings);
        }
        return new ParseResult(records, problems, warnings);
    }

    /**
     * What every row of one file shares, decided once: the header, which columns hold options,
     * the kind of record, and the options JSON read so far (a sweep repeats the same options row
     * after row; the map lives as long as the file's parse).
     */
    private record Table(List<String> header, List<Boolean> optionsColumns, RecordKind kind, char delimiter,
                         Map<String, Optional<Map<String, String>>> optionsByText) {
    }

    private void readRow(CSVRecord row, Table table, List<RawRecord> records, List<Problem> problems,
                         List<String> warnings) {
        List<String> header = table.header();
        String locator = "row " + row.getRecordNumber();
        List<String> values = row.toList();
        if (values.stream().allMatch(String::isBlank)) {
            return;
        }
        if (values.size() != header.size()) {
            problems.add(new Problem(Problem.STAGE_PARSE, locator, "InconsistentRow",
                    "row has " + values.size() + " fields but the header has " + header.size(),
                    String.join(String.valueOf(table.delimiter()), values)));
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        RecordContext context = RecordContext.EMPTY;
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            String value = values.get(c);
            if (table.optionsColumns().get(c) && value.strip().startsWith("{")) {
                Optional<Map<String, String>> options = table.optionsByText().computeIfAbsent(value,
                        CsvFileParser::optionsOf);
                if (options.isPresent()) {
                    context = context.withConfig(options.get());
                    continue;
                }
                warnings.add("column " + name + " holds text that is not a JSON object; kept as a field");
            }
            fields.put(name, value);
        }
        records.add(new RawRecord(locator, table.kind(), fields, context));
    }

    private static Optional<Map<String, String>> optionsOf(String json) {
        try {
            JsonNode node = JsonValues.MAPPER.readTree(json);
            return node != null && node.isObject() ? Optional.of(JsonValues.scalars(node)) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private boolean isMetricColumn(String name) {
        String snake = SnakeCase.of(name);
        return rules.metric(snake).isPresent() || rules.summaryMetric(snake).isPresent();
    }

    private static List<CSVRecord> readRows(SourceText source, char delimiter) throws UnusableFileException {
        CSVFormat format = FORMATS.computeIfAbsent(delimiter, CsvFileParser::format);
        try (CSVParser parser = CSVParser.parse(source.text(), format)) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // parsing a String does no I/O
        } catch (IllegalStateException | UncheckedIOException e) {
            // commons-csv reports malformed quoting this way
            throw new UnusableFileException("CsvSyntax", "not readable as CSV: " + rootMessage(e),
                    source.text().substring(0, Math.min(512, source.text().length())));
        }
    }

    private static CSVFormat format(char delimiter) {
        return CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /** The index of the header row: the first row that is not a comment, if none of its cells is a number. */
    private static int headerIndex(List<CSVRecord> rows) {
        for (int i = 0; i < rows.size(); i++) {
            List<String> cells = rows.get(i).toList();
            if (!cells.isEmpty() && cells.get(0).startsWith("#")) {
                continue;
            }
            boolean named = cells.stream().anyMatch(c -> !c.isBlank());
            boolean numeric = cells.stream().anyMatch(c -> Quantity.parse(c).isPresent());
            return named && !numeric ? i : -1;
        }
        return -1;
    }

    /** Header names, blank ones named by position and repeated ones numbered, so no column is lost. */
    private static List<String> uniqueNames(CSVRecord headerRow) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> cells = headerRow.toList();
        for (int i = 0; i < cells.size(); i++) {
            String base = cells.get(i).isBlank() ? "column_" + (i + 1) : cells.get(i).strip();
            String name = base;
            for (int n = 2; !seen.add(name); n++) {
                name = base + "_" + n;
            }
            names.add(name);
        }
        return names;
    }

    private static String abbreviate(List<String> header) {
        String joined = String.join(", ", header.subList(0, Math.min(header.size(), 8)));
        return header.size() > 8 ? joined + ", ... (" + header.size() + " columns)" : joined;
    }
}
