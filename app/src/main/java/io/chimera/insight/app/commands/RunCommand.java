package io.chimera.insight.app.commands;

import io.chimera.insight.app.local.LocalPipeline;
import io.chimera.insight.app.local.RunMonitor;
import io.chimera.insight.app.local.RunPhaseWatch;
import io.chimera.insight.app.local.RunPhases;
import io.chimera.insight.app.local.RunPhases.Phase;
import io.chimera.insight.app.local.RunSummary;
import io.chimera.insight.app.local.TerminalProgress;
import io.chimera.insight.app.options.IngestOptions;
import io.chimera.insight.app.options.LocalPipelineOptions;
import io.chimera.insight.app.wiring.IngestPass;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.scan.CorpusScanner;
import io.chimera.insight.ingest.scan.ScannedFile;
import io.chimera.insight.platform.service.ChimeraService;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Local mode, one shot: everything under --input becomes reports under --reports, then exit. It
 * prints a line as each phase of the job ends ({@link RunPhases}), then its summary.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Process every benchmark file under --input and write one report per model under --reports,",
            "then exit. Starts an embedded Kafka broker and schema registry in this JVM: nothing to install.",
            "Narratives come from an LLM worker (Ollama by default at $OLLAMA_HOST or http://localhost:11434);",
            "without one, every report is still written from the data, with the narrative marked pending.",
            "It prints a line on stdout as each phase ends (start-up, ingest, aggregation, analysis, report),",
            "with what the phase did and how long it took, then a summary of 'key: value' lines."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every model's report was written", "1:the run failed or timed out",
            "2:bad usage or configuration", "3:--require-llm was given and a narrative is missing",
            "4:a report could not be written to --reports (disk full, read-only, no permission); the summary lists them",
            "70:a fatal error ended the process; the 'chimera: fatal:' line says what and where"})
public final class RunCommand implements Callable<Integer> {

    static final int NARRATIVE_MISSING = 3;
    static final int REPORT_NOT_WRITTEN = 4;

    /** How a run's wait for its reports ended. */
    private enum Outcome { COMPLETE, NOT_WRITTEN, TIMED_OUT }

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "DIR|FILE",
            description = "Folder (searched recursively) or file of benchmark results (CSV, JSON, NDJSON, Markdown).")
    Path input;

    @Mixin
    LocalPipelineOptions local;

    @Option(names = "--require-llm",
            description = "Exit with code 3 when a report has no narrative (no worker answered, or it failed).")
    boolean requireLlm;

    @Mixin
    IngestOptions ingest;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "Give up when the reports are not all written after this long (default: ${DEFAULT-VALUE}); "
                    + "until then, narratives a reachable LLM worker failed to give are retried.")
    long timeoutSeconds;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "0",
            description = "Port of /metrics and /health on 127.0.0.1 while the run lasts (default: ${DEFAULT-VALUE}, "
                    + "a free one; the summary prints it).")
    int httpPort;

    @Override
    public Integer call() throws Exception {
        ServiceFactory.IngestTarget target = ingest.target(TransactionalFilePublisher.DEFAULT_TRANSACTIONAL_ID);
        if (!Files.exists(input)) {
            throw new IllegalArgumentException("--input " + input + " does not exist");
        }
        PrintWriter out = spec.commandLine().getOut();
        TerminalProgress progress = TerminalProgress.onConsole(System.err);
        long started = System.nanoTime();
        progress.show("starting embedded Kafka and schema registry ...");
        RunPhases phases = new RunPhases(out, progress);
        LocalPipeline.Options options = local.pipeline(Optional.empty(), httpPort, -1); // no query API: run exits
        try (LocalPipeline pipeline = LocalPipeline.start(options)) {
            phases.ended(Phase.START_UP, "embedded Kafka, schema registry and services ready");
            ServiceFactory services = pipeline.factory();
            CorpusScanner.Scan scan = new CorpusScanner().scanAll(List.of(input));
            List<ScannedFile> files = scan.files();
            IngestPass.Tally tally = services.ingestOnce(target, files,
                    done -> progress.show("ingesting: " + done + "/" + files.size() + " files"));
            phases.ended(Phase.INGEST, RunPhases.count(tally.files()) + " files, " + RunPhases.count(tally.runs()) + " runs");
            try (RunMonitor monitor = new RunMonitor(services.kafka());
                 RunPhaseWatch watch = RunPhaseWatch.afterIngest(phases, services, tally)) {
                Outcome outcome = awaitReports(pipeline, monitor, watch, tally, progress);
                monitor.drain(Duration.ofSeconds(10));
                progress.finish();
                RunSummary summary = new RunSummary(tally, scan.skipped().size(), monitor.latestReports(), monitor.deadLetters(),
                        local.reports(),
                        Duration.ofNanos(System.nanoTime() - started), String.join(", ", local.llm().urls()),
                        pipeline.ops().metricsUri());
                summary.print(out, spec.commandLine().getErr());
                if (!tally.failures().isEmpty()) {
                    return 1;
                }
                if (outcome == Outcome.NOT_WRITTEN) {
                    spec.commandLine().getErr().println("chimera run: could not write the reports of "
                            + summary.notWrittenModels() + " under " + local.reports() + "; see the errors above");
                    return REPORT_NOT_WRITTEN;
                }
                if (outcome == Outcome.TIMED_OUT) {
                    spec.commandLine().getErr().println("chimera run: timed out after " + timeoutSeconds
                            + " s waiting for reports of " + summary.missingModels());
                    return 1;
                }
                return requireLlm && summary.narrativesMissing() > 0 ? NARRATIVE_MISSING : 0;
            }
        } finally {
            progress.finish();
        }
    }

    /**
     * Waits until every model's report is written (narratives a reachable worker failed to give are
     * waited for until the deadline), or stops at once when every model has a report or a failed
     * write and at least one write failed: the report service retries those, but not for this run.
     */
    private Outcome awaitReports(LocalPipeline pipeline, RunMonitor monitor, RunPhaseWatch watch,
                                 IngestPass.Tally tally, TerminalProgress progress) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        int expected = tally.runsByModel().size();
        while (true) {
            monitor.poll(Duration.ofMillis(200));
            watch.check(monitor);
            int done = monitor.modelsDone(tally.runsByModel());
            int retrying = monitor.narrativesRetrying(tally.runsByModel());
            int notWritten = monitor.writeFailures(tally.runsByModel()).size();
            progress.show("ingested " + tally.files() + " files, " + tally.runs() + " runs; reports: " + done + "/"
                    + expected + " models" + (retrying == 0 ? "" : "; retrying " + retrying + " narrative(s)")
                    + (notWritten == 0 ? "" : "; " + notWritten + " not written"));
            boolean pastDeadline = System.nanoTime() > deadline;
            if (notWritten > 0 && done + notWritten == expected) {
                return Outcome.NOT_WRITTEN;
            }
            if (done == expected && (retrying == 0 || pastDeadline)) {
                watch.reportsWritten(monitor, done);
                return Outcome.COMPLETE; // past the deadline, the narratives still failing stay pending
            }
            for (ChimeraService service : pipeline.services()) {
                if (!service.isRunning()) {
                    throw new IllegalStateException("the " + service.name() + " service stopped; see the log above");
                }
            }
            if (pastDeadline) {
                return Outcome.TIMED_OUT;
            }
        }
    }
}
