package io.chimera.insight.app.local;

import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.report.render.MarkdownText;
import io.chimera.insight.report.store.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * In local mode the broker goes away when the command exits, so the dead letters of the run are
 * also written beside the reports, where a person can read them.
 */
final class DeadLetterListing {

    static final String FILE_NAME = "dead-letters.md";

    private DeadLetterListing() {
    }

    /** Writes the listing, or removes a stale one when there is nothing to list; returns its path. */
    static Path write(Path reportsDir, List<DeadLetter> deadLetters) throws IOException {
        Path file = reportsDir.resolve(FILE_NAME);
        if (deadLetters.isEmpty()) {
            Files.deleteIfExists(file);
            return file;
        }
        StringBuilder md = new StringBuilder("# Dead letters\n\nInput that could not be used, with the reason. ")
                .append("Nothing else of these files was lost.\n\n| source | locator | stage | error | message |\n")
                .append("|---|---|---|---|---|\n");
        for (DeadLetter letter : deadLetters) {
            md.append("| ").append(MarkdownText.cell(letter.getSource())).append(" | ")
                    .append(MarkdownText.cell(letter.getLocator())).append(" | ")
                    .append(MarkdownText.cell(letter.getStage())).append(" | ")
                    .append(MarkdownText.cell(letter.getErrorClass())).append(" | ")
                    .append(MarkdownText.cell(letter.getMessage())).append(" |\n");
        }
        AtomicFileWriter.write(file, md.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return file;
    }
}
