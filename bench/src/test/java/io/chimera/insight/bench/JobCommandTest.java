package io.chimera.insight.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class JobCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        CommandLine cli = new CommandLine(new BenchCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpNamesEveryPhaseAndWhereEachEnds() {
        assertThat(bench("job", "--help")).isZero();

        assertThat(out.toString()).contains("start-up", "ingest", "aggregation", "analysis", "report", "exit",
                "--files", "--repeats", "--ttft-ms", "--tokens-per-s", "VmHWM");
    }

    @Test
    void countsThatAreNotPositiveAreBadUsageBeforeAnythingRuns() {
        assertThat(bench("job", "--files", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("must be positive");
        assertThat(bench("job", "--repeats", "0")).isEqualTo(2);
    }

    @Test
    void theBenchsHelpPointsToTheJobCommand() {
        assertThat(bench("--help")).isZero();

        assertThat(out.toString()).contains("'chimera bench job' times a user's whole job");
    }
}
