package io.chimera.insight.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a bench command writes its results file ({@code --results}), and the command line the file
 * quotes so that its figures can be taken again: one mixin for {@code chimera bench} and its
 * subcommands.
 */
public final class ResultsOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--results", paramLabel = "DIR",
            description = "Where the results file is written (default: bench/results of the checkout).")
    Path dir;

    /** {@code --results}, else bench/results of the checkout ({@code chimera.home}, set by the launcher). */
    public Path dir() {
        if (dir != null) {
            return dir;
        }
        String home = System.getProperty("chimera.home");
        return (home == null ? Path.of("") : Path.of(home)).resolve("bench").resolve("results");
    }

    /**
     * The command as run, from the repository root, quoted for a shell where needed. The parse
     * result's original arguments are the whole command line's, a subcommand's name included.
     */
    public String commandLine() {
        return commandLine("./chimera bench", mixee.commandLine().getParseResult().originalArgs());
    }

    static String commandLine(String command, List<String> args) {
        return command + (args.isEmpty() ? "" : " " + args.stream()
                .map(a -> a.matches("[A-Za-z0-9_./=:,-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" ")));
    }
}
