package io.chimera.insight.report.console;

import java.util.Optional;

/**
 * {@code /dead-letters}: what could not be used and why, the report service's own listing
 * ({@code dead-letters.md}, rendered by {@code DeadLetterListingRenderer}) shown as HTML.
 */
final class DeadLettersPage {

    private DeadLettersPage() {
    }

    static String render(Optional<String> listing) {
        String body = listing.map(ConsoleMarkdown::toHtml)
                .map(html -> "<article class=\"report\">" + html + "</article>")
                .orElse("<h1>Dead letters</h1><p class=\"empty\">No dead letters: every file and record read so "
                        + "far was used. A file or row that cannot be used (unreadable, unparsable, no metric) is "
                        + "listed here with the reason, and counted in its model's data inventory.</p>");
        return Page.render("Dead letters", Page.Nav.DEAD_LETTERS, "dead-letters", body);
    }
}
