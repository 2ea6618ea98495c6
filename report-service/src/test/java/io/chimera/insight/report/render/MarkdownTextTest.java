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
}
