package io.chimera.insight.app.local;

import io.chimera.insight.app.wiring.IngestPass;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.LlmFailureKind;
import io.chimera.insight.events.ReportGenerated;
import io.chimera.insight.events.ReportStatus;
import io.chimera.insight.platform.llm.LlmFailures;
import io.chimera.insight.report.store.ReportStore;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What {@code chimera run} tells the user at the end, as {@code key: value} lines a script can read. */
public final class RunSummary {

    private final IngestPass.Tally tally;
    private final int skipped;
    private final Map<String, ReportGenerated> reports;
    /** Models whose latest report could not be written to disk, with why. */
    private final Map<String, String> notWritten;
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
        this.reports = reports.entrySet().stream().filter(e -> e.getValue().getWriteError() == null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        this.notWritten = reports.entrySet().stream().filter(e -> e.getValue().getWriteError() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getWriteError(), (a, b) -> a,
                        TreeMap::new));
        this.deadLetters = deadLetters;
        this.reportsDir = reportsDir;
        this.elapsed = elapsed;
        this.llmUrl = llmUrl;
        this.metrics = metrics;
    }

    public void print(PrintWriter out, PrintWriter err) {
        Path listing = reportsDir.resolve(ReportStore.DEAD_LETTERS_FILE); // the report service keeps it
        long pending = count(ReportStatus.NARRATIVE_PENDING);
        long failed = count(ReportStatus.NARRATIVE_FAILED);
        warnings().forEach(err::println);
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
        if (!notWritten.isEmpty()) {
            out.println("not written: " + notWritten.size());
            notWritten.forEach((model, error) -> err.println("error: report not written: " + model + ": " + error));
        }
        out.println("narratives: " + (reports.size() - pending - failed) + " complete, " + pending + " pending, "
                + failed + " failed");
        out.println("dead letters: " + deadLetters.size() + (deadLetters.isEmpty() ? "" : " (" + listing + ")"));
        out.println("metrics: " + metrics);
        out.println("elapsed: " + String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0));
        out.flush();
        err.flush();
    }

    /**
     * One warning per way the worker failed, with its words; "Start one (ollama serve…)" only for
     * reports no worker could be reached for at all.
     */
    List<String> warnings() {
        List<String> lines = new ArrayList<>();
        long unreachable = reports.values().stream()
                .filter(r -> r.getStatus() == ReportStatus.NARRATIVE_PENDING && !workerAnswered(r)).count();
        if (unreachable > 0) {
            lines.add("warning: no LLM worker answered at " + llmUrl + "; " + unreachable
                    + " report(s) were written from the data with the narrative pending. Start one "
                    + "(ollama serve; ollama pull gemma3) or pass --llm URL.");
        }
        byFailure(ReportStatus.NARRATIVE_PENDING).forEach((explained, count) -> lines.add("warning: the LLM worker at "
                + llmUrl + " failed: " + explained + "; " + count
                + " report(s) were written from the data with the narrative pending."));
        byFailure(ReportStatus.NARRATIVE_FAILED).forEach((explained, count) -> lines.add("warning: the LLM worker at "
                + llmUrl + " answered with an error for " + count + " report(s): " + explained
                + "; see the status line of those reports."));
        long failedUnexplained = reports.values().stream()
                .filter(r -> r.getStatus() == ReportStatus.NARRATIVE_FAILED && r.getFailureKind() == null).count();
        if (failedUnexplained > 0) {
            lines.add("warning: the LLM worker at " + llmUrl + " answered with an error for " + failedUnexplained
                    + " report(s); see the status line of those reports.");
        }
        return lines;
    }

    /** Whether the report's worker was reached (it failed in some other way than being unreachable). */
    static boolean workerAnswered(ReportGenerated report) {
        return report.getFailureKind() != null && report.getFailureKind() != LlmFailureKind.UNREACHABLE;
    }

    /** Reports of {@code status} whose worker answered, counted by the words of their failure. */
    private Map<String, Long> byFailure(ReportStatus status) {
        return reports.values().stream()
                .filter(r -> r.getStatus() == status && workerAnswered(r))
                .collect(Collectors.groupingBy(r -> LlmFailures.explain(r.getFailureKind(), r.getFailureDetail()),
                        TreeMap::new, Collectors.counting()));
    }

    private long count(ReportStatus status) {
        return reports.values().stream().filter(r -> r.getStatus() == status).count();
    }

    public long narrativesMissing() {
        return reports.values().stream().filter(r -> r.getStatus() != ReportStatus.COMPLETE).count();
    }

    /** Models whose latest report could not be written to disk. */
    public String notWrittenModels() {
        return String.join(", ", notWritten.keySet());
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
