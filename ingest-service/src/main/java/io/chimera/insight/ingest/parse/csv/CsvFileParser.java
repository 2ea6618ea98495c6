package io.chimera.insight.ingest.parse.csv;

import io.chimera.insight.ingest.parse.FileParser;
import io.chimera.insight.ingest.parse.InputFormat;
import io.chimera.insight.ingest.parse.MalformedText;
import io.chimera.insight.ingest.parse.Problem;
import io.chimera.insight.ingest.parse.RawRecord;
import io.chimera.insight.ingest.parse.RecordContext;
import io.chimera.insight.ingest.parse.RecordSink;
import io.chimera.insight.ingest.parse.SourceReader;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a delimited table (commons-csv, streaming: one row in memory at a time): one record per data row, located as {@code row N} where
 * N is the row a spreadsheet shows (the header is row 1).
 *
 * <ul>
 *   <li>The delimiter ({@code ,} {@code ;} tab) is sniffed from the first lines (of the text's prefix).</li>
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
    public void parse(SourceReader source, RecordSink sink) throws IOException, UnusableFileException {
        char delimiter = DelimiterSniffer.sniff(sampleLines(source));
        CSVFormat format = FORMATS.computeIfAbsent(delimiter, CsvFileParser::format);
        try (CSVParser parser = CSVParser.builder().setReader(source.reader()).setFormat(format).get()) {
            Iterator<CSVRecord> rows = parser.iterator();
            boolean sawRows = rows.hasNext();
            Optional<List<String>> headerRow = headerRow(rows);
            if (headerRow.isEmpty()) {
                sink.warning(sawRows ? "no header row: the first row holds numbers, so columns have no names"
                        : "no rows");
                return;
            }
            List<String> header = headerRow.get();
            if (header.stream().noneMatch(this::isMetricColumn)) {
                sink.warning("no column is a known metric (columns: " + abbreviate(header) + ")");
                return;
            }
            RecordKind kind = rules.isSummaryFileName(source.fileName())
                    || header.stream().anyMatch(h -> rules.isAggregate(SnakeCase.of(h))) ? RecordKind.SUMMARY
                    : RecordKind.RUN;
            Table table = new Table(header, header.stream().map(h -> rules.isOptionsField(SnakeCase.of(h))).toList(),
                    kind, delimiter, new HashMap<>());
            while (rows.hasNext()) {
                readRow(rows.next(), table, sink);
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof MalformedText bad) {
                throw bad; // the text itself is unreadable: that, not the CSV, is the file's problem
            }
            throw syntax(source, e);
        } catch (CSVException | IllegalStateException e) {
            // commons-csv reports malformed quoting this way
            throw syntax(source, e);
        }
    }

    /** The first non-blank lines, from the text's prefix (a line cut by the prefix's end is left out). */
    private static List<String> sampleLines(SourceReader source) {
        List<String> lines = source.prefix().lines().toList();
        if (!source.prefixIsWhole() && lines.size() > 1) {
            lines = lines.subList(0, lines.size() - 1);
        }
        return lines.stream().filter(l -> !l.isBlank()).limit(SNIFF_LINES).toList();
    }

    private static UnusableFileException syntax(SourceReader source, Exception e) {
        String prefix = source.prefix();
        return new UnusableFileException("CsvSyntax", "not readable as CSV: " + rootMessage(e),
                prefix.substring(0, Math.min(512, prefix.length())));
    }

    /**
     * What every row of one file shares, decided once: the header, which columns hold options,
     * the kind of record, and the options JSON read so far (a sweep repeats the same options row
     * after row; the map lives as long as the file's parse, and is bounded).
     */
    private record Table(List<String> header, List<Boolean> optionsColumns, RecordKind kind, char delimiter,
                         Map<String, Optional<Map<String, String>>> optionsByText) {

        /** Options texts remembered per file, at most: a sweep repeats a few; a hostile file must not grow memory. */
        static final int MAX_REMEMBERED = 1024;

        Optional<Map<String, String>> options(String json) {
            Optional<Map<String, String>> known = optionsByText.get(json);
            if (known != null) {
                return known;
            }
            Optional<Map<String, String>> read = optionsOf(json);
            if (optionsByText.size() < MAX_REMEMBERED) {
                optionsByText.put(json, read);
            }
            return read;
        }
    }

    private void readRow(CSVRecord row, Table table, RecordSink sink) {
        List<String> header = table.header();
        String locator = "row " + row.getRecordNumber();
        List<String> values = row.toList();
        if (values.stream().allMatch(String::isBlank)) {
            return;
        }
        if (values.size() != header.size()) {
            sink.problem(new Problem(Problem.STAGE_PARSE, locator, "InconsistentRow",
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
                Optional<Map<String, String>> options = table.options(value);
                if (options.isPresent()) {
                    context = context.withConfig(options.get());
                    continue;
                }
                sink.warning("column " + name + " holds text that is not a JSON object; kept as a field");
            }
            fields.put(name, value);
        }
        sink.record(new RawRecord(locator, table.kind(), fields, context));
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

    /**
     * The header: the first row that is not a comment, if none of its cells is a number (its names
     * made unique); empty otherwise.
     */
    private static Optional<List<String>> headerRow(Iterator<CSVRecord> rows) {
        while (rows.hasNext()) {
            CSVRecord row = rows.next();
            List<String> cells = row.toList();
            if (!cells.isEmpty() && cells.get(0).startsWith("#")) {
                continue;
            }
            boolean named = cells.stream().anyMatch(c -> !c.isBlank());
            boolean numeric = cells.stream().anyMatch(c -> Quantity.parse(c).isPresent());
            return named && !numeric ? Optional.of(uniqueNames(row)) : Optional.empty();
        }
        return Optional.empty();
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
