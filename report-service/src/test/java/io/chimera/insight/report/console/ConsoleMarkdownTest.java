package io.chimera.insight.report.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleMarkdownTest {

    @Test
    void rawHtmlIsShownAsTextAndUnsafeLinksLoseTheirTarget() {
        String html = ConsoleMarkdown.toHtml("""
                <script>alert(1)</script>

                Text with <b>inline</b> HTML and [a link](javascript:alert(1)).
                """);

        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;b&gt;inline&lt;/b&gt;")
                .doesNotContain("<script").doesNotContain("<b>").doesNotContain("javascript:");
    }

    @Test
    void gfmTablesKeepTheirAlignmentAndTheListingLinkLeadsToTheConsolesPage() {
        String html = ConsoleMarkdown.toHtml("""
                | metric | p50 |
                |---|---:|
                | tokens/s | 287 |

                See [dead-letters.md](../dead-letters.md). ![chart](tokens-per-s-by-config.svg)
                """);

        assertThat(html).contains("<td align=\"right\">287</td>").contains("href=\"/dead-letters\">dead-letters.md</a>")
                .contains("<img src=\"tokens-per-s-by-config.svg\" alt=\"chart\" class=\"chart\" />");
    }

    /** The report's Changes section (issue 16) as the Markdown renderer writes it: a table, escapes undone. */
    @Test
    void theChangesSectionIsATableWithItsConfigurationUnescaped() {
        String html = ConsoleMarkdown.toHtml("""
                ## Changes

                1 regression, 0 improvements standing in 4 series of tokens/s and TTFT, newest first.

                | first run after | metric | configuration | direction | change | file |
                |---|---|---|---|---:|---|
                | 2026-11-27T12:00:00Z | tokens/s | num\\_ctx=2048,num\\_gpu=80 | regression | -12 % | `runs/2026-11-27.csv` |
                """);

        assertThat(html).contains("<h2>Changes</h2>").contains("<td>num_ctx=2048,num_gpu=80</td>")
                .contains("<td align=\"right\">-12 %</td>").contains("<code>runs/2026-11-27.csv</code>");
    }
}
