package io.chimera.insight.ingest.parse.markdown;

import io.chimera.insight.ingest.normalise.Quantity;
import java.util.Optional;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/** Plain text of Markdown nodes and cells, cleaned for reading figures. */
final class MarkdownText {

    private static final Pattern EMPHASIS = Pattern.compile("\\*\\*|__|`|(?<![\\w*])\\*(?!\\s)|(?<!\\s)\\*(?![\\w*])");

    private MarkdownText() {
    }

    /** The text of a node and its descendants, emphasis and code marks dropped. */
    static String of(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak lineBreak) {
                text.append(' ');
            }

            @Override
            public void visit(HardLineBreak lineBreak) {
                text.append(' ');
            }
        });
        return text.toString().strip();
    }

    /** A raw source line with emphasis and code marks removed ({@code **Model:** x} reads {@code Model: x}). */
    static String plainLine(String raw) {
        return EMPHASIS.matcher(raw).replaceAll("").strip();
    }

    /**
     * A cell or figure value in the form the normaliser reads: a number with thousands separators
     * ({@code 3,503}) is rewritten without them; anything else is kept as written.
     */
    static String value(String text) {
        String stripped = text.strip();
        Optional<Quantity> number = Quantity.parseLenient(stripped);
        if (number.isEmpty() || Quantity.parse(stripped).isPresent()) {
            return stripped;
        }
        Quantity q = number.get();
        return q.value().toPlainString() + q.unit().map(u -> " " + u).orElse("");
    }
}
