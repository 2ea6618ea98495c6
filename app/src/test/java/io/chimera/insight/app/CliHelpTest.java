package io.chimera.insight.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help} on every command explains every option. */
class CliHelpTest {

    @Test
    void everyOptionOfEveryCommandHasADescription() {
        CommandLine root = ChimeraCli.commandLine();
        assertThat(root.getSubcommands()).containsKeys("run", "up", "publish", "tail", "ingest", "aggregate",
                "analyze", "report", "registry", "simulate-worker");
        for (CommandLine command : root.getSubcommands().values()) {
            CommandSpec spec = command.getCommandSpec();
            assertThat(spec.usageMessage().description()).as("description of %s", spec.name()).isNotEmpty();
            for (OptionSpec option : spec.options()) {
                assertThat(String.join(" ", option.description()))
                        .as("description of %s %s", spec.name(), option.longestName())
                        .isNotBlank();
            }
        }
    }

    @Test
    void theAggregatingCommandsExplainTheChangeSettingsWithTheirDefaults() {
        for (String command : new String[] {"run", "up", "aggregate"}) {
            StringWriter out = new StringWriter();
            CommandLine cli = ChimeraCli.commandLine();
            cli.setOut(new PrintWriter(out, true));

            assertThat(cli.execute(command, "--help")).as(command).isZero();
            assertThat(out.toString().replaceAll("\\s+", " ")).as(command)
                    .contains("--change-min-effect", "ttft_ms=0.10", "default: 0.05 for every metric")
                    .contains("--change-alpha", "default: 1.0E-4", "false alarms")
                    .contains("--change-keep-alpha", "default: 0.001", "neither retracted nor published again")
                    // picocli formats descriptions as format strings: a failed one is shown raw, its %% unreplaced.
                    .contains("the issue's 5 %).").doesNotContain("%%")
                    .contains("--stream-threads", "another's commit waits", "did not beat one in the bench (default: 1)",
                            "CHIMERA_STREAM_THREADS");
        }
    }

    @Test
    void runHelpNamesItsOptionsAndExitsZero() {
        StringWriter out = new StringWriter();
        CommandLine cli = ChimeraCli.commandLine();
        cli.setOut(new PrintWriter(out, true));

        assertThat(cli.execute("run", "--help")).isZero();
        assertThat(out.toString()).contains("--input", "--reports", "--llm", "--llm-model", "--require-llm",
                "Exit codes:");
    }
}
