package io.chimera.insight.app.local;

import io.chimera.insight.app.wiring.IngestPass;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.ReportGenerated;
import io.chimera.insight.events.ReportStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** What {@code chimera run} tells the user at the end, as {@code key: value} lines a script can read. */
public final class RunSummary {

    private final IngestPass.Tally tally;
    private final int skipped;
    private final Map<String, ReportGenerated> reports;
    private final List<DeadLetter> deadLetters;
    private final Path reportsDir;
    private final Duration elapsed;
    private final String llmUrl;
    private final URI metrics;

    /** With {@code skipped}, the paths under the input that were not read because they are not regular files. */
    public RunSummary(IngestPass.Tally tally, int skipped, Map<String, ReportGenerated> reports,
                      List<DeadLetter> deadLetters, Path reportsDir, Duration elapsed, String llmUrl, URI metrics) {
        this.tally = tally;
        this.skipped = skipped;
        this.reports = reports;
        this.deadLetters = deadLetters;
        this.reportsDir = reportsDir;
        this.elapsed = elapsed;
        this.llmUrl = llmUrl;
        this.metrics = metrics;
    }

    public void print(PrintWriter out, PrintWriter err) {
        Path listing;
        try {
            listing = DeadLetterListing.write(reportsDir, deadLetters);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dead-letter listing under " + reportsDir, e);
        }
        long pending = count(ReportStatus.NARRATIVE_PENDING);
        long failed = count(ReportStatus.NARRATIVE_FAILED);
        if (pending > 0) {
            err.println("warning: no LLM worker answered at " + llmUrl + "; " + pending
                    + " report(s) were written from the data with the narrative pending. Start one "
                    + "(ollama serve; ollama pull gemma3) or pass --llm URL.");
        }
        if (failed > 0) {
            err.println("warning: the LLM worker at " + llmUrl + " answered with an error for " + failed
                    + " report(s); see the status line of those reports.");
        }
        out.println("files: " + tally.files());
        if (skipped > 0) {
            out.println("skipped: " + skipped + " (not regular files)");
        }
        if (!tally.failures().isEmpty()) {
            out.println("not published: " + tally.failures().size());
            tally.failures().forEach(failure -> err.println("error: not published: " + failure));
        }
        out.println("runs: " + tally.runs() + (tally.failedRuns() > 0 ? " (" + tally.failedRuns() + " failed)" : ""));
        out.println("summary records: " + tally.summaries());
        out.println("models: " + tally.runsByModel().size());
        out.println("reports: " + reports.size() + " (" + reportsDir.resolve("index.md") + ")");
        out.println("narratives: " + (reports.size() - pending - failed) + " complete, " + pending + " pending, "
                + failed + " failed");
        out.println("dead letters: " + deadLetters.size() + (deadLetters.isEmpty() ? "" : " (" + listing + ")"));
        out.println("metrics: " + metrics);
        out.println("elapsed: " + String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0));
        out.flush();
        err.flush();
    }

    private long count(ReportStatus status) {
        return reports.values().stream().filter(r -> r.getStatus() == status).count();
    }

    public long narrativesMissing() {
        return reports.values().stream().filter(r -> r.getStatus() != ReportStatus.COMPLETE).count();
    }

    /** Models expected but without a complete-enough report, for the timeout message. */
    public String missingModels() {
        TreeSet<String> missing = new TreeSet<>();
        tally.runsByModel().forEach((model, runs) -> {
            ReportGenerated report = reports.get(model);
            if (report == null || report.getRuns() < runs) {
                missing.add(model);
            }
        });
        return String.join(", ", missing);
    }
}
