package io.chimera.insight.ingest.parse.markdown;

import io.chimera.insight.ingest.parse.RawRecord;
import io.chimera.insight.ingest.parse.RecordContext;

import io.chimera.insight.events.RecordKind;
import io.chimera.insight.ingest.normalise.MappingRules;
import io.chimera.insight.ingest.normalise.SnakeCase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.node.Node;

/**
 * Reads a GFM table whose columns are metrics: one record per body row, located as
 * {@code line N} (the row's line in the file).
 *
 * <p>A table is read only when one of its header cells is a known metric ({@code TTFT (s)},
 * {@code Tokens/s}). A table whose first column is "Metric" lists metrics as rows (a comparison),
 * not runs, and is skipped with a warning. Rows are RUN records only when they are attributable
 * and nothing says they were derived. They are SUMMARY when
 * <ul>
 *   <li>the file is a summary file, a heading above the table names derived figures
 *       ("Top 10 Configurations", "Gemma3 vs Llama3.1", "Summary"), or a column is an aggregate
 *       ({@code mean_tokens_s}, "Mean TTFT (s)");</li>
 *   <li>the table has a model column naming each of several models once: it compares models
 *       (their best or mean figures), while a table of runs repeats a model over its runs; or</li>
 *   <li>the table does not say which model it measured: no model column and no {@code Model:}
 *       line in force. A report often covers several models under headings such as
 *       "Gemma3:270m - Ultra-Compact Model"; guessing the model from the file name would credit
 *       one model with another's runs.</li>
 * </ul>
 */
final class MarkdownTableReader {

    private static final Set<String> TRANSPOSED_FIRST_COLUMNS = Set.of("metric", "metrics", "measure", "kpi",
            "statistic", "stat");

    private final MappingRules rules;

    MarkdownTableReader(MappingRules rules) {
        this.rules = rules;
    }

    void read(TableBlock table, boolean summaryFile, List<String> headingPath, RecordContext context,
              List<RawRecord> out, List<String> warnings) {
        List<String> header = List.of();
        List<Node> rows = new ArrayList<>();
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            if (section instanceof TableHead && section.getFirstChild() != null) {
                header = cells(section.getFirstChild());
            } else if (section instanceof TableBody) {
                for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                    rows.add(row);
                }
            }
        }
        if (header.isEmpty()) {
            return;
        }
        List<List<String>> body = rows.stream().map(MarkdownTableReader::cells).toList();
        if (TRANSPOSED_FIRST_COLUMNS.contains(SnakeCase.of(header.get(0)))) {
            if (body.stream().anyMatch(cells -> !cells.isEmpty() && isMetricColumn(cells.get(0)))) {
                warnings.add("table at line " + MarkdownParserSupport.lineOf(table) + " lists metrics as rows; not read");
            }
            return;
        }
        if (header.stream().noneMatch(this::isMetricColumn)) {
            return;
        }
        int modelColumn = modelColumn(header);
        boolean derived = summaryFile
                || headingPath.stream().anyMatch(rules::isSummaryHeading)
                || header.stream().anyMatch(h -> rules.isAggregate(SnakeCase.of(h)))
                || (modelColumn >= 0 && eachModelOnce(body, modelColumn));
        boolean attributable = context.model().isPresent() || modelColumn >= 0;
        RecordKind kind = derived || !attributable ? RecordKind.SUMMARY : RecordKind.RUN;
        for (int r = 0; r < rows.size(); r++) {
            Node row = rows.get(r);
            List<String> cells = body.get(r);
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < cells.size(); i++) {
                fields.put(header.get(i), MarkdownText.value(cells.get(i)));
            }
            out.add(new RawRecord("line " + MarkdownParserSupport.lineOf(row), kind, fields, context));
        }
    }

    private int modelColumn(List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            if (rules.isModelField(SnakeCase.of(header.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    /** A table naming each of several models once compares models; runs repeat their model. */
    private static boolean eachModelOnce(List<List<String>> body, int modelColumn) {
        Set<String> models = new HashSet<>();
        for (List<String> cells : body) {
            if (modelColumn < cells.size() && !models.add(cells.get(modelColumn))) {
                return false;
            }
        }
        return body.size() > 1;
    }

    private boolean isMetricColumn(String name) {
        String snake = SnakeCase.of(name);
        return rules.metric(snake).isPresent() || rules.summaryMetric(snake).isPresent();
    }

    private static List<String> cells(Node row) {
        List<String> cells = new ArrayList<>();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
            cells.add(MarkdownText.of(cell));
        }
        return cells;
    }
}
