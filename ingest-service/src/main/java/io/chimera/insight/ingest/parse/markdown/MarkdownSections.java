package io.chimera.insight.ingest.parse.markdown;

import io.chimera.insight.ingest.parse.RecordContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the reader is in a Markdown document: the heading path, and the {@code Model:} and
 * {@code Configuration:} lines in force. Such a line applies to the rest of the section it appears
 * in, subsections included, until a heading of the same or a higher level closes that section.
 */
final class MarkdownSections {

    private static final int LEVELS = 7; // level 0 = before any heading

    private final String[] headings = new String[LEVELS];
    private final RecordContext[] contexts = new RecordContext[LEVELS];
    private int level;

    MarkdownSections() {
        contexts[0] = RecordContext.EMPTY;
    }

    void enterHeading(int headingLevel, String text) {
        int l = Math.max(1, Math.min(LEVELS - 1, headingLevel));
        for (int i = l; i < LEVELS; i++) {
            headings[i] = null;
            contexts[i] = null;
        }
        headings[l] = text;
        level = l;
    }

    /** The headings enclosing the current position, outermost first. */
    List<String> headingPath() {
        List<String> path = new ArrayList<>();
        for (String heading : headings) {
            if (heading != null) {
                path.add(heading);
            }
        }
        return path;
    }

    void setModel(String model) {
        contexts[level] = own().withModel(model);
    }

    void addConfig(Map<String, String> config) {
        contexts[level] = own().withConfig(config);
    }

    /** The context in force: outer sections first, inner ones overriding. */
    RecordContext context() {
        RecordContext merged = RecordContext.EMPTY;
        for (RecordContext c : contexts) {
            if (c == null) {
                continue;
            }
            Optional<String> model = c.model();
            if (model.isPresent()) {
                merged = merged.withModel(model.get());
            }
            merged = merged.withConfig(c.config());
        }
        return merged;
    }

    private RecordContext own() {
        return contexts[level] == null ? RecordContext.EMPTY : contexts[level];
    }
}
