package io.chimera.insight.ingest.parse.markdown;

import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;

/** Source positions of Markdown nodes. */
final class MarkdownParserSupport {

    private MarkdownParserSupport() {
    }

    /** The 1-based line a node starts on; 0 when the parser kept no position. */
    static int lineOf(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        return spans.isEmpty() ? 0 : spans.get(0).getLineIndex() + 1;
    }
}
