package io.chimera.insight.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.app.local.RunPhases;
import io.chimera.insight.app.local.RunPhases.Phase;
import io.chimera.insight.localstack.worker.FailureMode;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.SimulatorSettings;
import io.chimera.insight.report.store.ReportStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code chimera run} as a user runs it, on a machine where no LLM worker listens: every report is
 * still written from the data, one warning says why the narratives are missing, and the exit code
 * tells a script whether that is acceptable.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunCommandIT {

    @TempDir
    Path reports;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ChimeraCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String nobodyListening() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void withoutAWorkerEveryReportIsWrittenFromTheDataAndTheRunSucceeds() throws Exception {
        String llm = nobodyListening();

        int exit = run("run", "--input", TestCorpus.root().toString(), "--reports", reports.toString(),
                "--llm", llm, "--debounce", "300");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("files: 4\n", "runs: 46 (7 failed)\n", "models: 3\n",
                "reports: 3 (", "narratives: 0 complete, 3 pending, 0 failed\n", "dead letters: 1 (", "elapsed: ");
        assertThat(out.toString()).containsPattern("\nmetrics: http://127\\.0\\.0\\.1:[0-9]+/metrics\n");
        assertThat(err.toString()).containsOnlyOnce("warning: no LLM worker answered at " + llm);
        String report = Files.readString(new ReportStore(reports).folderOf("gemma3:270m").resolve("latest.md"));
        assertThat(report).contains("narrative pending").contains(llm).contains("- Runs: 36 (2 failed)");
        // The sweep's first run after each num_gpu/num_ctx change paid a ~1 s model load (11 of them; the
        // twelfth timed out), found from load_s through ingest, aggregation and report; every
        // configuration has one run, so none is named best.
        assertThat(report).contains("## Cold starts\n\n11 of 34 successful runs were cold")
                .contains("## Per-parameter effects")
                .contains("- Fastest configuration: none named: no configuration has 2 or more successful runs");
        String json = Files.readString(new ReportStore(reports).folderOf("gemma3:270m").resolve("latest.json"));
        assertThat(json).contains("\"coldRuns\" : 11,").contains("\"warmRuns\" : 23,").contains("\"effects\" : [");
        assertThat(Files.readString(reports.resolve("dead-letters.md"))).contains("ncu\\_ollama.ncu-rep");
    }

    @Test
    void printsALinePerPhaseInOrderWithWhatEachDidBeforeTheSummary() {
        try (OllamaSimulator worker = new OllamaSimulator(new SimulatorSettings().ttftMs(5).tokensPerS(5_000)).start()) {
            int exit = run("run", "--input", TestCorpus.root().toString(), "--reports", reports.toString(),
                    "--llm", worker.baseUrl(), "--debounce", "300");

            assertThat(exit).as(err.toString()).isZero();
            List<String> lines = out.toString().lines().toList();
            List<RunPhases.Line> phases = lines.stream().map(RunPhases::parse).flatMap(Optional::stream).toList();
            assertThat(phases).extracting(RunPhases.Line::phase).containsExactly(Phase.values());
            assertThat(phases).extracting(RunPhases.Line::detail).containsExactly(
                    "embedded Kafka, schema registry and services ready", "4 files, 46 runs", "46 runs of 3 models",
                    "3 models", "3 reports written");
            assertThat(lines.indexOf("files: 4")).as("the summary follows the phases")
                    .isGreaterThan(lines.indexOf(RunPhases.format(Phase.REPORT, "3 reports written", phases.get(4).seconds())));
        }
    }

    @Test
    void aFolderWithNothingInItStillPrintsEveryPhase(@TempDir Path empty) throws Exception {
        int exit = run("run", "--input", empty.toString(), "--reports", reports.toString(), "--llm", nobodyListening());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines().map(RunPhases::parse).flatMap(Optional::stream).toList())
                .extracting(RunPhases.Line::detail).containsExactly(
                        "embedded Kafka, schema registry and services ready", "0 files, 0 runs", "0 runs of 0 models",
                        "0 models", "0 reports written");
    }

    @Test
    void twoServerErrorsInARowFromAWorkerThatRecoversCostNoNarrative() {
        try (OllamaSimulator worker = new OllamaSimulator(new SimulatorSettings().ttftMs(5).tokensPerS(5_000)).start()) {
            worker.settings().errorMessage("CUDA error: out of memory");
            worker.failures().failNext(FailureMode.HTTP_500, 2);

            int exit = run("run", "--input", TestCorpus.root().toString(), "--reports", reports.toString(),
                    "--llm", worker.baseUrl(), "--debounce", "300", "--require-llm");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("narratives: 3 complete, 0 pending, 0 failed\n");
            assertThat(worker.failureCount()).isEqualTo(2);
        }
    }

    @Test
    void requireLlmTurnsAMissingNarrativeIntoExitCodeThree() throws Exception {
        int exit = run("run", "--input", TestCorpus.root().resolve("gemma3").toString(), "--reports",
                reports.toString(), "--llm", nobodyListening(), "--debounce", "300", "--require-llm");

        assertThat(exit).as(err.toString()).isEqualTo(3);
        assertThat(out.toString()).contains("reports: 2 (");
    }

    /** A model folder the disk does not take (a regular file in its place, which stops even root). */
    @Test
    void aReportThatCannotBeWrittenEndsTheRunAtOnceWithCodeFourNamingIt() throws Exception {
        Path blocked = new ReportStore(reports).folderOf("gemma3:270m");
        Files.writeString(blocked, "in the way");

        int exit = run("run", "--input", TestCorpus.root().toString(), "--reports", reports.toString(),
                "--llm", nobodyListening(), "--debounce", "300");

        assertThat(exit).as(err.toString()).isEqualTo(4);
        assertThat(out.toString()).contains("models: 3\n", "reports: 2 (", "not written: 1\n");
        assertThat(err.toString()).contains("error: report not written: gemma3:270m: ")
                .contains(blocked.getFileName().toString())
                .contains("chimera run: could not write the reports of gemma3:270m under ")
                .doesNotContain("timed out");
    }

    @Test
    void aMissingInputIsAUsageErrorNamingThePath() {
        int exit = run("run", "--input", reports.resolve("nope").toString(), "--reports", reports.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--input").contains("nope").contains("does not exist");
    }
}
