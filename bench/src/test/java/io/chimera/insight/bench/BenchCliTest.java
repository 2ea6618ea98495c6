package io.chimera.insight.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCliTest {

    @Test
    void analysisOnlyIsDocumentedInTheHelp() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCli());
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("--analysis-only").contains("Measure steps 8");
    }

    @Test
    void analysisOnlyAndThroughputOnlyTogetherAreRefusedBeforeAnythingRuns() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCli());
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("--throughput-only", "--analysis-only")).isEqualTo(2);
        assertThat(err.toString()).contains("--throughput-only and --analysis-only measure different steps");
    }

    @Test
    void aWorkFolderHoldingAnEarlierRunsStreamsStateIsRefusedBeforeAnythingRuns(@TempDir Path work) throws Exception {
        Files.createDirectories(work.resolve("streams").resolve("bench-main"));
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCli());
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("--throughput-only", "--work-dir", work.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("already holds the Kafka Streams state of an earlier bench run")
                .contains(work.resolve("streams").toString());
    }
}
