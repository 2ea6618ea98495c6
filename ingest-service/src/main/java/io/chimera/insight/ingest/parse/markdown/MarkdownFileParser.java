package io.chimera.insight.ingest.parse.markdown;

import io.chimera.insight.ingest.parse.FileParser;
import io.chimera.insight.ingest.parse.InputFormat;
import io.chimera.insight.ingest.parse.ParseResult;
import io.chimera.insight.ingest.parse.RawRecord;
import io.chimera.insight.ingest.parse.RecordSink;
import io.chimera.insight.ingest.parse.SourceReader;
import io.chimera.insight.ingest.parse.SourceText;
import io.chimera.insight.ingest.parse.UnusableFileException;

import io.chimera.insight.events.FileFormat;
import io.chimera.insight.ingest.normalise.MappingRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads a Markdown report (commonmark + GFM tables). Markdown is written for people, so this
 * reader is conservative about what it calls a run:
 *
 * <ul>
 *   <li><b>Tables</b> with at least one metric column give one record per row (see
 *       {@link MarkdownTableReader}). They are RUN records only when neither the file name, nor a
 *       heading above, nor a column says the figures were derived; otherwise SUMMARY.</li>
 *   <li><b>{@code Key: value unit} lines</b> (list items or paragraph lines) whose key is a known
 *       metric are gathered per section into SUMMARY records, never runs (see
 *       {@link MarkdownFigures}).</li>
 *   <li><b>{@code Model: x}</b> and <b>{@code Configuration: num_gpu=60, num_ctx=1024}</b> lines set the
 *       model and configuration of what follows in their section (see {@link MarkdownSections}).</li>
 *   <li>Code blocks, HTML and prose are not read: a number in a sentence or a YAML sample is not a
 *       measurement this reader can attribute.</li>
 * </ul>
 */
public final class MarkdownFileParser implements FileParser {

    /** Read from {@code .md, .markdown}; registered in {@code InputFormats}. */
    public static final InputFormat FORMAT =
            new InputFormat(FileFormat.MARKDOWN, "Markdown", List.of("md", "markdown"), MarkdownFileParser::new);

    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z][A-Za-z0-9 _/().%-]{0,60}?)\\s*:\\s+(.+)");
    private static final Pattern SETTING = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*[=:]\\s*([^,;\\s]+)");
    private static final Set<String> MODEL_KEYS = Set.of("model");
    private static final Set<String> CONFIG_KEYS = Set.of("configuration", "config", "options", "parameters");

    private final MappingRules rules;
    private final Parser parser = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();

    public MarkdownFileParser(MappingRules rules) {
        this.rules = rules;
    }

    /**
     * A heading, a {@code Model:} line or a {@code Configuration:} line anywhere above gives a record
     * its context, so the document is read whole, within the document limit.
     */
    @Override
    public void parse(SourceReader source, RecordSink sink) throws IOException, UnusableFileException {
        ParseResult read = read(source.readWhole("a Markdown document"));
        read.records().forEach(sink::record);
        read.problems().forEach(sink::problem);
        read.warnings().forEach(sink::warning);
    }

    private ParseResult read(SourceText source) {
        Node document = parser.parse(source.text());
        String[] lines = source.text().split("\r\n|\r|\n", -1);
        List<RawRecord> records = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean summaryFile = rules.isSummaryFileName(source.fileName());
        MarkdownSections sections = new MarkdownSections();
        MarkdownFigures figures = new MarkdownFigures(rules, records);
        MarkdownTableReader tables = new MarkdownTableReader(rules);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                figures.flush();
                sections.enterHeading(heading.getLevel(), MarkdownText.of(heading));
            }

            @Override
            public void visit(CustomBlock block) {
                if (block instanceof TableBlock table) {
                    figures.flush();
                    tables.read(table, summaryFile, sections.headingPath(), sections.context(), records, warnings);
                }
            }

            @Override
            public void visit(Paragraph paragraph) {
                for (SourceSpan span : paragraph.getSourceSpans()) {
                    readLine(textOf(lines, span), span.getLineIndex() + 1, sections, figures);
                }
            }
        });
        figures.flush();
        return new ParseResult(records, List.of(), warnings);
    }

    private void readLine(String raw, int line, MarkdownSections sections, MarkdownFigures figures) {
        Matcher keyValue = KEY_VALUE.matcher(MarkdownText.plainLine(raw));
        if (!keyValue.matches()) {
            return;
        }
        String key = keyValue.group(1).strip();
        String value = keyValue.group(2).strip();
        String lowerKey = key.toLowerCase(Locale.ROOT);
        if (MODEL_KEYS.contains(lowerKey)) {
            // Only a single name: "Gemma3:latest or Llama3.1:q4_0" is advice, not a model.
            if (!value.contains(" ")) {
                sections.setModel(value);
            }
        } else if (CONFIG_KEYS.contains(lowerKey)) {
            Map<String, String> settings = settingsOf(value);
            if (!settings.isEmpty()) {
                sections.addConfig(settings);
            }
        } else {
            figures.offer(key, value, line, sections.context());
        }
    }

    /** {@code num_gpu=60, num_ctx=1024, temperature=0.3} as a map. */
    private static Map<String, String> settingsOf(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        Matcher m = SETTING.matcher(text);
        while (m.find()) {
            settings.put(m.group(1), m.group(2));
        }
        return settings;
    }

    private static String textOf(String[] lines, SourceSpan span) {
        int index = span.getLineIndex();
        if (index < 0 || index >= lines.length) {
            return "";
        }
        String line = lines[index];
        int start = Math.min(span.getColumnIndex(), line.length());
        return line.substring(start, Math.min(line.length(), start + span.getLength()));
    }
}
