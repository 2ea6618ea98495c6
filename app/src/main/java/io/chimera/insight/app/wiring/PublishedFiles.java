package io.chimera.insight.app.wiring;

import io.chimera.insight.ingest.publish.PublishOutcome;
import java.io.PrintWriter;
import java.util.function.Consumer;

/** Prints one line per file a watching command published, so its user sees files arrive. */
public final class PublishedFiles implements Consumer<PublishOutcome> {

    private final PrintWriter out;

    public PublishedFiles(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(PublishOutcome outcome) {
        if (!outcome.published()) {
            return;
        }
        out.println("published " + outcome.path() + ": " + outcome.fileStatus() + ", " + outcome.runs() + " runs, "
                + outcome.summaries() + " summary records, " + outcome.deadLetters() + " dead letters"
                + outcome.replacedSha256().map(sha -> " (replaces the earlier version)").orElse(""));
        out.flush();
    }
}
