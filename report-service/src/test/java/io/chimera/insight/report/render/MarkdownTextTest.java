package io.chimera.insight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTextTest {

    @Test
    void aCellCannotBreakATableOrStartAHeading() {
        assertThat(MarkdownText.cell("a|b\n# title")).isEqualTo("a\\|b \\# title");
    }

    @Test
    void inlineTextCannotInjectLinksOrHtml() {
        assertThat(MarkdownText.inline("[x](http://evil) <script>")).isEqualTo("\\[x\\](http://evil) \\<script\\>");
    }

    @Test
    void everyMarkdownPunctuationMarkIsEscaped() {
        assertThat(MarkdownText.inline("*a* _b_ `c` ~d~ !e \\f")).isEqualTo("\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\!e \\\\f");
    }

    @Test
    void windowsAndOldMacLineBreaksAlsoCollapse() {
        assertThat(MarkdownText.cell("a\r\nb\rc")).isEqualTo("a b c");
    }

    @Test
    void codeSpansKeepTheTextButCannotBeClosedEarly() {
        assertThat(MarkdownText.code("dir/a_b`c.csv\n")).isEqualTo("`dir/a_b'c.csv`");
        assertThat(MarkdownText.code(null)).isEqualTo("` `");
    }

    @Test
    void nullIsEmpty() {
        assertThat(MarkdownText.cell(null)).isEmpty();
    }
}
