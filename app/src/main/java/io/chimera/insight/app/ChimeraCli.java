package io.chimera.insight.app;

import io.chimera.insight.app.commands.AggregateCommand;
import io.chimera.insight.app.commands.AnalyzeCommand;
import io.chimera.insight.app.commands.IngestCommand;
import io.chimera.insight.app.commands.PublishCommand;
import io.chimera.insight.app.commands.RegistryCommand;
import io.chimera.insight.app.commands.ReportCommand;
import io.chimera.insight.app.commands.RunCommand;
import io.chimera.insight.app.commands.SimulateWorkerCommand;
import io.chimera.insight.app.commands.TailCommand;
import io.chimera.insight.app.commands.UpCommand;
import io.chimera.insight.platform.service.FatalErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chimera} command line. */
@Command(name = "chimera", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Chimera Insight turns LLM/ML benchmark result files (CSV, JSON, Markdown) into grounded per-model",
            "reports through Kafka: ingest -> aggregate (Kafka Streams) -> analyse (GPU LLM worker) -> report.",
            "",
            "Local mode (embedded broker and registry, nothing to install): 'chimera run' and 'chimera up'.",
            "Against a real cluster, run each service alone: ingest, aggregate, analyze, report."},
        subcommands = {RunCommand.class, UpCommand.class, PublishCommand.class, TailCommand.class,
            IngestCommand.class, AggregateCommand.class, AnalyzeCommand.class, ReportCommand.class,
            RegistryCommand.class, SimulateWorkerCommand.class, CommandLine.HelpCommand.class})
public final class ChimeraCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs a command in this process, which ends on a fatal error ({@link FatalErrors}: an Error in
     * any thread, the embedded broker asking to halt, a service stopped for good) with exit code
     * {@value FatalErrors#EXIT_CODE} and one {@code chimera: fatal: ...} line; {@link #commandLine}
     * alone (tests) leaves that policy out.
     */
    public static void main(String[] args) {
        FatalErrors.exitOnFatal(System.err);
        FatalErrors.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ChimeraCli());
        cli.setExecutionExceptionHandler(new CliErrors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setDefaultValueProvider(new EnvironmentDefaults());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
