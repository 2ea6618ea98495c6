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
}
