package io.chimera.insight.bench;

import io.chimera.insight.bench.corpus.PlainCsv;
import io.chimera.insight.bench.measure.ChildCli;
import io.chimera.insight.bench.measure.CliRssProbe;
import io.chimera.insight.bench.result.Units;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chimera bench rss}: the memory of {@code chimera run} ingesting one large CSV, measured on
 * its own (the whole bench takes minutes). Reported, never judged: the exit code says whether the
 * figure was taken, not what it is.
 */
@Command(name = "rss", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Peak RSS of 'chimera run --input DIR' in a JVM of its own, with the",
            "CLI's JVM options (CHIMERA_JAVA_OPTS; default: the launcher's), ingesting",
            "one generated CSV of plain rows (model,tokens_per_s,ttft_ms; about 29",
            "bytes a row). Prints the peak (VmHWM), whether the run completed, its",
            "exit code and the runs it reported. Takes about a minute.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the figure was taken (whatever the run's own outcome)", "1:it could not be taken",
            "2:bad usage"})
public final class RssCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--size-mb", paramLabel = "MB", defaultValue = "60",
            description = "Size of the CSV in MB of 10^6 bytes (default: ${DEFAULT-VALUE}).")
    long sizeMb;

    @Option(names = "--limit", paramLabel = "SECONDS", defaultValue = "900",
            description = "Stop the run (SIGTERM, then SIGKILL) when it has not ended after this long "
                    + "(default: ${DEFAULT-VALUE}); it is then reported as not completed.")
    long limitSeconds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the generated rows (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Keep the CSV, the reports and the run's output here (default: a temporary folder, "
                    + "deleted afterwards).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        if (sizeMb < 1 || limitSeconds < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--size-mb and --limit must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("chimera-bench-rss-");
        try {
            Path input = Files.createDirectories(work.resolve("input"));
            System.err.println("writing a " + sizeMb + " MB CSV ...");
            PlainCsv.Written csv = PlainCsv.write(input.resolve("large.csv"), sizeMb * 1_000_000, seed);
            System.err.println("running chimera run on it ...");
            CliRssProbe.Result result = CliRssProbe.measure(input, work, Duration.ofSeconds(limitSeconds));
            out.println("file: " + csv.path().getFileName() + ", " + Units.count(csv.bytes()) + " bytes, "
                    + Units.count(csv.rows()) + " rows");
            out.println("peak RSS (VmHWM): " + (result.peakRss().isPresent()
                    ? Units.bytes(result.peakRss().getAsLong()) + " (" + Units.count(result.peakRss().getAsLong()) + " bytes)"
                    : "unavailable (no /proc)"));
            out.println("completed: " + (result.completed() ? "yes" : "no") + "; exit code: "
                    + (result.killed() ? "none, stopped after the " + limitSeconds + " s limit" : result.exitCode()));
            out.println("runs reported: " + (result.runs().isPresent() ? Units.count(result.runs().getAsLong())
                    : "none (no summary printed)") + " of " + Units.count(csv.rows()) + " rows");
            out.println("elapsed: " + Units.seconds(result.elapsed().toMillis() / 1000.0));
            out.println("command: " + String.join(" ", ChildCli.withoutClassPath(result.command())));
            if (!result.completed()) {
                out.println("its stderr ends with:");
                lastLines(work.resolve("run.err"), 8).forEach(line -> out.println("  " + line));
            }
            return 0;
        } finally {
            out.flush();
            if (workDir == null) {
                BenchRun.deleteQuietly(work);
            }
        }
    }

    private static List<String> lastLines(Path file, int count) throws java.io.IOException {
        // Decoded leniently: a JVM dying may leave anything in its stderr.
        List<String> lines = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        return lines.subList(Math.max(0, lines.size() - count), lines.size()).stream()
                .map(line -> line.length() > 300 ? line.substring(0, 300) + " ..." : line)
                .collect(Collectors.toList());
    }
}
