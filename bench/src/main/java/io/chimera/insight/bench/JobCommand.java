package io.chimera.insight.bench;

import io.chimera.insight.bench.corpus.CorpusGenerator;
import io.chimera.insight.bench.corpus.GeneratedCorpus;
import io.chimera.insight.bench.corpus.ModelNames;
import io.chimera.insight.bench.measure.ChildCli;
import io.chimera.insight.bench.measure.WholeJobProbe;
import io.chimera.insight.bench.result.Machine;
import io.chimera.insight.bench.result.Units;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.SimulatorSettings;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chimera bench job}: a user's whole job, timed. {@code chimera run} on the generated corpus in
 * a fresh process, as the launcher starts it, with a simulated GPU worker, split into its phases by
 * the lines it prints ({@link WholeJobProbe}). Reported, never judged: the exit code says whether
 * the figures were taken.
 */
@Command(name = "job", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Time a user's whole job: 'chimera run --input CORPUS --reports DIR --llm URL' in",
            "a fresh JVM with the CLI's JVM options (CHIMERA_JAVA_OPTS; default: the",
            "launcher's), its own embedded broker and registry, on a generated corpus of",
            "--files files (as the full bench's), with a simulated GPU worker in this JVM",
            "speaking Ollama's streaming protocol, so analysis and reports happen as with a",
            "real worker. Reports the wall time and peak RSS (VmHWM) of the process, split",
            "into the phases 'chimera run' prints a line for as each ends:",
            "  start-up     process start to broker, registry and services ready",
            "  ingest       to the last file published",
            "  aggregation  to the aggregation's committed offsets past the last run",
            "  analysis     to an analysis result covering every run of every model",
            "  report       to every model's report written",
            "  exit         then the summary and the shutdown, to the process's exit",
            "Each boundary is the moment its line arrives, timed from outside. Repeats",
            "--repeats times (a fresh process each time) and gives the median and range,",
            "with the load average before and after each run; writes",
            "bench/results/<date>-<host>-job-<files>.md.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every repeat completed and printed every phase", "1:a repeat did not (the table says why)",
            "2:bad usage"})
public final class JobCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--files", paramLabel = "N", defaultValue = "2000",
            description = "Files in the generated corpus (default: ${DEFAULT-VALUE}).")
    int files;

    @Mixin
    CorpusOptions corpusOptions;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3",
            description = "Runs of the job, each in a fresh process (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--ttft-ms", paramLabel = "MS", defaultValue = "200",
            description = "The simulated worker's time to first token (default: ${DEFAULT-VALUE}, as "
                    + "'chimera simulate-worker').")
    long ttftMs;

    @Option(names = "--tokens-per-s", paramLabel = "N", defaultValue = "50",
            description = "The simulated worker's generation speed (default: ${DEFAULT-VALUE}, as "
                    + "'chimera simulate-worker').")
    double tokensPerS;

    @Option(names = "--limit", paramLabel = "SECONDS", defaultValue = "900",
            description = "Stop a run (SIGTERM, then SIGKILL) that has not ended after this long; it is also "
                    + "its --timeout (default: ${DEFAULT-VALUE}).")
    long limitSeconds;

    @Mixin
    ResultsOptions results;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Keep the corpus, reports and each run's output here (default: a temporary folder, "
                    + "deleted afterwards).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        if (files < 1 || corpusOptions.models() < 1 || repeats < 1 || ttftMs < 0 || tokensPerS <= 0 || limitSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--files, --models, --repeats, --tokens-per-s and --limit must be positive, --ttft-ms not negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("chimera-bench-job-");
        try (OllamaSimulator worker = new OllamaSimulator(new SimulatorSettings().ttftMs(ttftMs).tokensPerS(tokensPerS))
                .start()) {
            System.err.println("generating " + files + " files ...");
            GeneratedCorpus corpus = new CorpusGenerator(corpusOptions.seed()).mixed(Files.createDirectories(work.resolve("corpus")),
                    files, ModelNames.first(corpusOptions.models()), done -> { });
            List<WholeJobProbe.Result> results = new ArrayList<>();
            List<Integer> calls = new ArrayList<>();
            for (int i = 1; i <= repeats; i++) {
                System.err.println("run " + i + " of " + repeats + ": chimera run on " + files + " files ...");
                int before = worker.callCount();
                WholeJobProbe.Result result = WholeJobProbe.measure(corpus.root(), worker.baseUrl(), work, "run-" + i,
                        Duration.ofSeconds(limitSeconds));
                calls.add(worker.callCount() - before);
                results.add(result);
                result.phases().forEach(p -> System.err.println("  " + p.phase().label() + " at "
                        + Units.seconds(p.at().toMillis() / 1000.0) + ": " + p.detail()));
                System.err.println("  exit " + result.process().exitCode() + " at "
                        + Units.seconds(result.process().elapsed().toMillis() / 1000.0));
            }
            String table = WholeJobTable.render(results);
            String notes = notes(corpus, calls, results.get(0).process().command());
            out.println(table);
            out.println(notes);
            Path file = write(started, table, notes);
            out.println("results: " + file);
            return results.stream().allMatch(WholeJobProbe.Result::complete) ? 0 : 1;
        } finally {
            out.flush();
            if (workDir == null) {
                BenchRun.deleteQuietly(work);
            }
        }
    }

    private String notes(GeneratedCorpus corpus, List<Integer> calls, List<String> command) {
        return String.format(Locale.ROOT, "- corpus: %s files (%s unusable), %s runs of %d models, %s; seed %d%n"
                        + "- worker: simulated in the bench's JVM, Ollama's streaming protocol, %d ms to first token, "
                        + "%s tokens/s; LLM calls per run: %s%n"
                        + "- each run: %s%n",
                Units.count(corpus.files().size()), Units.count(corpus.badFiles()), Units.count(corpus.runs()),
                corpus.runsByModel().size(), Units.bytes(corpus.bytes()), corpusOptions.seed(), ttftMs, Units.decimal(tokensPerS),
                calls, String.join(" ", ChildCli.withoutClassPath(command)));
    }

    private Path write(ZonedDateTime started, String table, String notes) throws java.io.IOException {
        Machine machine = Machine.current();
        Path dir = results.dir();
        Files.createDirectories(dir);
        Path file = dir.resolve(started.format(DateTimeFormatter.ISO_LOCAL_DATE) + "-" + machine.hostSlug() + "-job-"
                + files + ".md");
        String md = "# Chimera Insight bench: a user's whole job, " + started.format(DateTimeFormatter.ISO_LOCAL_DATE)
                + " on " + machine.host() + "\n\nCommand (from the repository root):\n\n```\n"
                + results.commandLine()
                + "\n```\n\nStarted " + started.format(DateTimeFormatter.ISO_INSTANT) + ", took "
                + Units.seconds(Duration.between(started, ZonedDateTime.now(ZoneOffset.UTC)).toMillis() / 1000.0)
                + "; see docs/benchmarks.md (\"A user's whole job\") for how each figure is taken.\n\n"
                + "## Machine\n\n" + machine.toMarkdown() + "\n## Results\n\n" + table + "\n## Notes\n\n" + notes;
        Files.writeString(file, md, StandardCharsets.UTF_8);
        return file;
    }
}
