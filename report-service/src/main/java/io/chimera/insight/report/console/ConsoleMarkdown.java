package io.chimera.insight.report.console;

import java.util.List;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A report's Markdown as HTML: CommonMark with GFM tables, the same Markdown the report service
 * writes to disk. Raw HTML in it (an LLM's narrative may hold some) is shown as text, never
 * interpreted, and link targets with a scheme other than http(s) or mailto are dropped. The
 * report's link to {@code ../dead-letters.md} leads to the console's dead-letters page.
 */
final class ConsoleMarkdown {

    private static final String DEAD_LETTERS_MD = "dead-letters.md";
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true)
            .attributeProviderFactory(context -> new ConsoleLinks()).build();

    private ConsoleMarkdown() {
    }

    static String toHtml(String markdown) {
        return RENDERER.render(PARSER.parse(markdown));
    }

    /** Rewrites links to the dead-letter listing and marks images as charts (for the stylesheet). */
    private static final class ConsoleLinks implements AttributeProvider {

        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Link && attributes.getOrDefault("href", "").endsWith(DEAD_LETTERS_MD)) {
                attributes.put("href", WebConsole.DEAD_LETTERS_PATH);
            }
            if (node instanceof Image) {
                attributes.put("class", "chart");
            }
        }
    }
}
