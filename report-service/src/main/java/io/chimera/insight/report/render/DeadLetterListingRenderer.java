package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.MarkdownText.cell;

import io.chimera.insight.events.DeadLetter;
import java.util.List;

/**
 * {@code reports/dead-letters.md}: the input that could not be used and why, where a person reads
 * it; each report's data inventory links to it.
 */
public final class DeadLetterListingRenderer {

    /**
     * @param current    the dead letters that still count, in the order to list them
     * @param superseded how many more belong to file versions replaced since: counted, not listed
     */
    public String render(List<DeadLetter> current, int superseded) {
        StringBuilder md = new StringBuilder("# Dead letters\n\n");
        if (current.isEmpty()) {
            md.append("Nothing could not be used.\n");
        } else {
            md.append("Input that could not be used, with the reason, newest first. Nothing else of these files ")
                    .append("was lost.\n\n| at | source | locator | stage | error | message |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (DeadLetter letter : current) {
                md.append("| ").append(letter.getAt()).append(" | ").append(cell(letter.getSource())).append(" | ")
                        .append(dash(letter.getLocator())).append(" | ").append(cell(letter.getStage())).append(" | ")
                        .append(cell(letter.getErrorClass())).append(" | ").append(cell(letter.getMessage()))
                        .append(" |\n");
            }
        }
        if (superseded > 0) {
            md.append('\n').append(superseded).append(" earlier dead letter(s) of file versions replaced since are ")
                    .append("not listed.\n");
        }
        return md.toString();
    }

    private static String dash(String text) {
        return text == null || text.isBlank() ? "–" : cell(text);
    }
}
