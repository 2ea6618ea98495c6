package io.chimera.insight.bench;

import io.chimera.insight.bench.result.Figure;
import io.chimera.insight.bench.result.Machine;
import io.chimera.insight.bench.result.MemoryWatch;
import io.chimera.insight.bench.result.ResultsFile;
import io.chimera.insight.bench.result.Units;
import io.chimera.insight.bench.measure.RequestTemplate;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.localstack.LocalStackOptions;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * One bench run: starts the embedded broker and registry and the simulated worker once, runs the
 * measures in order, then prints the table and writes the results file.
 */
final class BenchRun implements Callable<Integer> {

    /** Broker, corpus, records, warm-up, ingest, aggregation, detection cost, reports, lag, burst, latency, efficiency, memory. */
    private static final int STEPS = 13;
    /** The first seven of those, then memory. */
    private static final int THROUGHPUT_ONLY_STEPS = 8;
    /** Broker, corpus, one ingest and aggregation, reports, latency, efficiency, memory. */
    private static final int ANALYSIS_ONLY_STEPS = 7;

    private final BenchOptions options;
    private final PrintWriter out;
    private final PrintStream err;

    BenchRun(BenchOptions options, PrintWriter out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        ZonedDateTime started = ZonedDateTime.now();
        long start = System.nanoTime();
        Machine machine = Machine.current();
        String loadAtStart = Machine.loadAverage();
        boolean scaling = options.scaling() != null;
        BenchProgress progress = new BenchProgress(err,
                scaling ? options.scaling().steps() : options.analysisOnly() ? ANALYSIS_ONLY_STEPS
                        : options.throughputOnly() ? THROUGHPUT_ONLY_STEPS : STEPS);
        Path workDir = options.workDir().isPresent() ? Files.createDirectories(options.workDir().get())
                : Files.createTempDirectory("chimera-bench");
        BenchContext ctx;
        boolean ok;
        try (MemoryWatch memory = new MemoryWatch()) {
            progress.begin("starting the embedded Kafka broker and schema registry; " + machine.cores() + " cores, "
                    + Units.bytes(machine.maxHeapBytes()) + " max heap");
            try (LocalStack stack = LocalStack.start(LocalStackOptions.defaults().withPartitions(options.partitions()));
                 OllamaSimulator worker = new OllamaSimulator(BenchContext.instantWorker()).start()) {
                ctx = new BenchContext(options, stack, worker, workDir, progress);
                ok = scaling ? measureScaling(ctx) : measure(ctx);
                memory(ctx, memory);
            }
        } finally {
            progress.finish();
            if (options.workDir().isEmpty()) {
                deleteQuietly(workDir);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String loadAtEnd = Machine.loadAverage();
        String load = loadAtStart.isEmpty() ? "" : "at start " + loadAtStart + ", at end " + loadAtEnd;
        if (busy(loadAtStart, machine.cores()) || busy(loadAtEnd, machine.cores())) {
            ctx.note("The machine was busy (load average " + load + " on " + machine.cores() + " cores): other "
                    + "processes competed for the CPUs, so throughputs are lower and latencies higher than on a quiet "
                    + "machine. The ingest and aggregation ratios pair each figure with a limit measured just "
                    + "before it, so a spell of load lowers both sides of one ratio; the spread shows how much it moved.");
        }
        Path file = ResultsFile.write(options.resultsDir(), scaling ? "-scaling" : "", machine, options.command(),
                started, took, load, ctx.table(), ctx.notes());
        out.println(ctx.table().toMarkdown());
        out.println("results: " + file);
        out.flush();
        return ok ? 0 : 1;
    }

    /** Runs every measure in order; a failed one is reported in the table and the rest still run. */
    private boolean measure(BenchContext ctx) {
        boolean ok = true;
        boolean analysisOnly = ctx.options().analysisOnly();
        ThroughputSteps.MainCorpus main = attempt(ctx, "ingest and aggregation",
                () -> analysisOnly ? new ThroughputSteps(ctx).once() : new ThroughputSteps(ctx).run());
        if (ctx.options().throughputOnly()) {
            return main != null;
        }
        PipelineSteps pipeline = new PipelineSteps(ctx);
        List<RequestTemplate> templates = main == null ? null
                : attempt(ctx, "reports of the corpus", () -> pipeline.corpusReports(main));
        ok &= main != null && templates != null;
        if (!analysisOnly) {
            ok &= attempt(ctx, "end-to-end lag", () -> {
                pipeline.lag();
                return true;
            }) != null;
            ok &= attempt(ctx, "one-model burst", () -> {
                pipeline.burst();
                return true;
            }) != null;
        }
        if (templates != null && !templates.isEmpty()) {
            AnalysisSteps analysis = new AnalysisSteps(ctx);
            ok &= attempt(ctx, "analysis service latency", () -> {
                analysis.serviceLatency(templates);
                return true;
            }) != null;
            ok &= attempt(ctx, "parallel efficiency", () -> {
                analysis.parallelEfficiency(templates);
                return true;
            }) != null;
        }
        return ok;
    }

    /** The costs per run as the work grows ({@code --scaling}), instead of the measures above. */
    private boolean measureScaling(BenchContext ctx) {
        return attempt(ctx, "costs as the work grows", () -> {
            new ScalingSteps(ctx).run();
            return true;
        }) != null;
    }

    /** A measure, or null when it failed: the failure becomes a row of the table and a stack trace on stderr. */
    private <T> T attempt(BenchContext ctx, String measure, Callable<T> step) {
        try {
            return step.call();
        } catch (Exception e) {
            ctx.progress().result("FAILED: " + e);
            e.printStackTrace(err);
            ctx.add(Figure.pending(measure, "—", "failed: " + e.getMessage()));
            return null;
        }
    }

    private static void memory(BenchContext ctx, MemoryWatch memory) {
        ctx.progress().begin("memory");
        OptionalLong rss = MemoryWatch.peakRss();
        ctx.add(Figure.info("peak heap used (sampled every 10 ms; committed peak)",
                Units.bytes(memory.peakHeapUsed()) + " (" + Units.bytes(memory.peakHeapCommitted()) + ")"));
        if (rss.isPresent()) {
            ctx.add(Figure.atMost("process RSS peak (VmHWM): broker, registry, services and the bench in one JVM",
                    Units.bytes(rss.getAsLong()), rss.getAsLong(), 1L << 30, "≤ 1 GiB"));
        } else {
            ctx.add(Figure.pending("process RSS peak", "≤ 1 GiB", "no /proc/self/status on this OS"));
        }
        ctx.progress().result("heap peak " + Units.bytes(memory.peakHeapUsed()) + ", RSS peak "
                + (rss.isPresent() ? Units.bytes(rss.getAsLong()) : "n/a"));
    }

    /** Whether the 1-minute load average exceeds the cores. */
    private static boolean busy(String loadAverage, int cores) {
        if (loadAverage.isEmpty()) {
            return false;
        }
        return Double.parseDouble(loadAverage.split(" ")[0]) > cores;
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
