package io.chimera.insight.bench.changes;

import io.chimera.insight.bench.result.Machine;
import io.chimera.insight.platform.change.ChangeDetector;
import io.chimera.insight.platform.change.ChangeSettings;
import io.chimera.insight.platform.change.ChangeTest;
import io.chimera.insight.platform.change.EDivisiveMeans;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine;
import io.chimera.insight.bench.ResultsOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chimera bench changes}: the change detector's measured quality on generated series, replayed
 * run by run as the aggregation will. Reported, never judged in the exit code.
 */
@Command(name = "changes", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "The change detector (EDivisiveMeans) on seeded series with normal noise:",
            "for each noise level x step size, series of --history runs at one level, then",
            "a step; the detector sees the series after every new run (its last --window",
            "runs), and the delay is the runs after the step until it first reports a",
            "change within --tolerance runs of it. Stationary series of each noise level,",
            "replayed from their first run, give the false alarms (each appearance of a",
            "change index, and the distinct indices). Prints two tables, judged against",
            "issue 16's targets, and writes them to",
            "bench/results/<date>-<host>-changes.md. Takes about 2 minutes on 2 cores.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the figures were taken (misses are in the tables)", "1:a measure failed", "2:bad usage"})
public final class ChangesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--noise", paramLabel = "CV", split = ",", defaultValue = "0.01,0.02,0.05,0.10",
            description = "Noise levels, coefficients of variation (default: ${DEFAULT-VALUE}).")
    List<Double> cvs;

    @Option(names = "--steps", paramLabel = "FRACTION", split = ",", defaultValue = "0.05,0.10,0.20",
            description = "Step sizes, relative to the level; half the series step up, half down "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Double> steps;

    @Option(names = "--series", paramLabel = "N", defaultValue = "400",
            description = "Step series per noise level and step (default: ${DEFAULT-VALUE}).")
    int series;

    @Option(names = "--history", paramLabel = "RUNS", defaultValue = "100",
            description = "Runs before the step (default: ${DEFAULT-VALUE}).")
    int history;

    @Option(names = "--follow", paramLabel = "RUNS", defaultValue = "20",
            description = "Runs after the step the detector is given (default: ${DEFAULT-VALUE}).")
    int follow;

    @Option(names = "--tolerance", paramLabel = "RUNS", defaultValue = "5",
            description = "How far from the true step a reported change still finds it (default: ${DEFAULT-VALUE}).")
    int tolerance;

    @Option(names = "--stationary-series", paramLabel = "N", defaultValue = "100",
            description = "Stationary series per noise level (default: ${DEFAULT-VALUE}).")
    int stationarySeries;

    @Option(names = "--stationary-runs", paramLabel = "RUNS", defaultValue = "500",
            description = "Runs of each stationary series (default: ${DEFAULT-VALUE}).")
    int stationaryRuns;

    @Option(names = "--window", paramLabel = "RUNS", defaultValue = "500",
            description = "History the detector sees, the last N runs (default: ${DEFAULT-VALUE}, the stream's).")
    int window;

    @Option(names = "--min-effect", paramLabel = "FRACTION",
            description = "The detector's minimum effect (default: ${DEFAULT-VALUE}, the product's).")
    double minEffect = ChangeSettings.DEFAULTS.minEffect();

    @Option(names = "--alpha", paramLabel = "P",
            description = "The detector's significance level (default: ${DEFAULT-VALUE}, the product's).")
    double alpha = ChangeSettings.DEFAULTS.alpha();

    @Option(names = "--min-segment", paramLabel = "RUNS",
            description = "The detector's fewest runs on each side of a change (default: ${DEFAULT-VALUE}, the product's).")
    int minSegment = ChangeSettings.DEFAULTS.minSegment();

    @Option(names = "--test", paramLabel = "TEST",
            description = "The confirming test: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, the product's).")
    ChangeTest test = ChangeSettings.DEFAULTS.test();

    @Option(names = "--persistence", paramLabel = "RUNS", defaultValue = "0",
            description = "Report a change only once the series without its newest 1..RUNS runs shows it too "
                    + "(measured, not the product's; default: ${DEFAULT-VALUE}, none, as the product).")
    int persistence;

    @Option(names = "--keep-alpha", paramLabel = "P",
            description = "Hysteresis, as the product: a change is published at --alpha and kept while the detector "
                    + "at this level (at least --alpha) still shows it, each series replayed with memory of what was "
                    + "published; 0: none, the detector asked afresh after each run (default: ${DEFAULT-VALUE}, "
                    + "the product's).")
    double keepAlpha = ChangeSettings.DEFAULTS.keepAlpha();

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads replaying series (default: the cores, ${DEFAULT-VALUE}); the figures do not depend on it.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the series (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ResultsOptions results;

    @Override
    public Integer call() throws Exception {
        if (series < 1 || history < 1 || follow < 1 || tolerance < 0 || stationarySeries < 1 || stationaryRuns < 1
                || window < 2 || threads < 1 || persistence < 0 || cvs.isEmpty() || steps.isEmpty()
                || cvs.stream().anyMatch(cv -> !(cv > 0)) || steps.stream().anyMatch(step -> !(step > 0))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "counts, noise levels and steps must be positive, persistence at least 0");
        }
        if (alpha > 0 && alpha < 1 && keepAlpha != 0 && !(keepAlpha >= alpha && keepAlpha < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--keep-alpha must be 0 (none) or at least --alpha (" + alpha + ") and below 1, got " + keepAlpha);
        }
        ChangeSettings settings;
        try {
            settings = new ChangeSettings(minEffect, alpha, minSegment, test, keepAlpha == 0 ? alpha : keepAlpha);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ChangeQualityOptions options = new ChangeQualityOptions(settings, List.copyOf(cvs), List.copyOf(steps), series,
                history, follow, tolerance, stationarySeries, stationaryRuns, window, seed);
        PrintWriter out = spec.commandLine().getOut();
        Instant started = Instant.now();
        String loadAtStart = Machine.loadAverage();
        ChangeDetector detector = PersistentDetector.of(new EDivisiveMeans(settings), persistence);
        PrefixReplay replay = keepAlpha == 0 ? new PrefixReplay(detector, window) : hysteresis(detector, settings);
        ChangeQualityProbe probe = new ChangeQualityProbe(replay, options);
        ChangeQualityTable table = new ChangeQualityTable(options);
        ExecutorService pool = ChangeQualityProbe.pool(threads);
        String stepTable;
        String stationaryTable;
        try {
            System.err.println("replaying " + cvs.size() * steps.size() * series + " step series ...");
            stepTable = table.steps(probe.steps(pool));
            System.err.println("replaying " + cvs.size() * stationarySeries + " stationary series ...");
            stationaryTable = table.stationary(probe.stationary(pool));
        } finally {
            pool.shutdownNow();
        }
        Duration took = Duration.between(started, Instant.now());
        String body = render(options, persistence, keepAlpha, stepTable, stationaryTable, table.misses());
        out.print(body);
        out.flush();
        Machine machine = Machine.current();
        Path dir = results.dir();
        Files.createDirectories(dir);
        Path file = dir.resolve(DateTimeFormatter.ISO_LOCAL_DATE.format(started.atZone(ZoneOffset.UTC)) + "-"
                + machine.hostSlug() + "-changes.md");
        Files.writeString(file, "# Chimera Insight bench changes: " + DateTimeFormatter.ISO_LOCAL_DATE.format(
                started.atZone(ZoneOffset.UTC)) + " on " + machine.host() + "\n\nCommand (from the repository root):\n\n```\n"
                + results.commandLine() + "\n```\n\n" + String.format(Locale.ROOT, "Started %s, took %.0f s.%n%n", started,
                took.toMillis() / 1000.0) + "## Machine\n\n" + machine.toMarkdown()
                + (loadAtStart.isEmpty() ? "" : "- load average (1, 5, 15 min) at start: " + loadAtStart + "\n") + "\n"
                + body, StandardCharsets.UTF_8);
        System.err.println("written to " + file);
        return 0;
    }

    /** A fresh hysteresis replay per series; the keep detector is the publish one's settings at the keep alpha. */
    private PrefixReplay hysteresis(ChangeDetector publish, ChangeSettings settings) {
        ChangeDetector keep = new EDivisiveMeans(settings.keeping());
        return new PrefixReplay(() -> HysteresisDetector.newSeries(publish, keep, window));
    }

    private static String render(ChangeQualityOptions options, int persistence, double keepAlpha, String stepTable,
                                 String stationaryTable, int misses) {
        ChangeSettings s = options.settings();
        return String.format(Locale.ROOT, "Detector: EDivisiveMeans, minEffect %s, alpha %s, minSegment %d, %s, persistence %d%s; "
                        + "history window %d runs.%n%n", s.minEffect(), s.alpha(), s.minSegment(), s.test().label(),
                        persistence, keepAlpha == 0 ? ", no hysteresis (asked afresh after each run)"
                                : ", hysteresis: a published change kept while alpha " + keepAlpha + " shows it",
                        options.window())
                + String.format(Locale.ROOT, "## Steps: %d series per cell, %d runs before the step, found = a change "
                        + "reported within %d runs of it%n%n", options.series(), options.history(), options.tolerance())
                + stepTable + "\n"
                + String.format(Locale.ROOT, "## False alarms: %d stationary series of %d runs per noise level%n%n",
                        options.stationarySeries(), options.stationaryRuns())
                + stationaryTable + "\n"
                + (misses == 0 ? "Every target met.\n" : misses + " target(s) missed.\n") + NOTES;
    }

    private static final String NOTES = """

            ## Notes

            - Delay: runs after the step the detector had seen when it first reported a change within the
              tolerance of the step; the p95 reads "> follow" when more than 5 % were never found.
            - A step is judged against the minimum effect by the far end of its 95 % interval, not by the
              measured step: a step of exactly the minimum effect passes about 97.5 % of the time once
              significant, and a smaller one can pass while its few runs after the step leave the interval
              wide (docs/architecture.md, "Change detection").
            - The 2σ rows depend on the history before the step (--history): the test's power grows with
              it. They also sit where alpha trades found steps for false alarms: a larger alpha finds more
              2σ steps in time and raises more false alarms at 10 % noise (docs/benchmarks.md).
            - False alarms count every change index that appears after a run; distinct false changes count
              each index once (what a stream that remembers its published changes would send).
            """;
}
