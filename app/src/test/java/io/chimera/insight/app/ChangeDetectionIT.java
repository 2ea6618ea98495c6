package io.chimera.insight.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.report.store.ReportStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A step planted across two files, from ingest through the aggregation's change detection to the
 * report: {@code chimera run} on a folder whose first file has tokens/s near 100 and whose second,
 * a day later, near 88 (means 100.0 and 88.0, −12 %), same model and configuration. The model's
 * latest report names the change, its latest.json lists it, the index counts it.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChangeDetectionIT {

    private static final String HEADER = "timestamp,model,prompt_index,prompt_text,ttft_s,tokens_s,load_s,prompt_eval_s,"
            + "eval_s,prompt_eval_count,eval_count,response_chars,error,options\n";
    /** Mean 100.0. */
    private static final double[] BEFORE = {100, 101, 99, 100, 102, 98, 100, 101, 99, 100};
    /** Mean 88.0. */
    private static final double[] AFTER = {88, 89, 87, 88, 90, 86, 88, 89, 87, 88};
    /** TTFT at one level throughout (mean 50 ms on both sides): no change to find there. */
    private static final double[] TTFT_S = {0.050, 0.051, 0.049, 0.050, 0.052, 0.048, 0.050, 0.051, 0.049, 0.050};

    @TempDir
    Path input;

    @TempDir
    Path reports;

    @Test
    void aStepAcrossTwoFilesIsNamedInTheModelsLatestReport() throws Exception {
        Files.writeString(input.resolve("before.csv"), csv("2026-11-01", BEFORE));
        Files.writeString(input.resolve("after.csv"), csv("2026-11-02", AFTER));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ChimeraCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("run", "--input", input.toString(), "--reports", reports.toString(),
                "--llm", nobodyListening(), "--debounce", "300");

        assertThat(exit).as(err.toString()).isZero();
        Path folder = new ReportStore(reports).folderOf("stepmodel:1b");
        String report = Files.readString(folder.resolve("latest.md"));
        assertThat(report).contains("## Changes\n\n1 regression, 0 improvements standing in 2 series of tokens/s and TTFT");
        String row = report.lines().filter(line -> line.startsWith("| 2026-11-02T10:00:00Z | tokens/s |"))
                .findFirst().orElseThrow(() -> new AssertionError("no row for the change in\n" + report));
        assertThat(row).contains("| num\\_ctx=2048 | regression | n = 10, 100 tokens/s", "| n = 10, 88 tokens/s",
                "| -12 % |", "after.csv");
        String json = Files.readString(folder.resolve("latest.json"));
        assertThat(json).contains("\"changes\" : [ {", "\"direction\" : \"REGRESSION\"", "\"changePercent\" : -12.0");
        assertThat(Files.readString(reports.resolve("index.md"))).contains("| 1 regression, 0 improvements |");
    }

    /** Ten runs of one configuration, a minute apart from 10:00 on {@code day}. */
    private static String csv(String day, double[] tokensPerS) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < tokensPerS.length; i++) {
            csv.append(String.format(Locale.ROOT, "%sT10:%02d:00+00:00,stepmodel:1b,%d,prompt %d,%.3f,%.2f,0.010,0.001,"
                            + "0.5,20,%d,100,,\"{\"\"num_ctx\"\":2048}\"\n", day, i, i + 1, i, TTFT_S[i], tokensPerS[i],
                    Math.round(tokensPerS[i] / 2)));
        }
        return csv.toString();
    }

    private static String nobodyListening() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
