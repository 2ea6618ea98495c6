package io.chimera.insight.bench;

import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.bench.measure.KafkaHop;
import io.chimera.insight.bench.measure.ParallelismProbe;
import io.chimera.insight.bench.measure.PassLength;
import io.chimera.insight.bench.measure.RequestTemplate;
import io.chimera.insight.bench.measure.ServiceLatencyProbe;
import io.chimera.insight.bench.measure.WarmUp;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.result.CpuClock;
import io.chimera.insight.bench.result.Figure;
import io.chimera.insight.bench.result.GcPauses;
import io.chimera.insight.bench.result.LiveThreads;
import io.chimera.insight.bench.result.Percentiles;
import io.chimera.insight.bench.result.ThreadCpu;
import io.chimera.insight.bench.result.Units;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.SimulatorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * The analysis service measured alone, fed with the requests the corpus's aggregation made: the
 * latency it adds to a worker's first token, and how its throughput scales with GPU workers.
 */
final class AnalysisSteps {

    /**
     * One warm-up pass of the latency measure. Passes of 5 requests (until branch {@code lat13}) lasted
     * about 0.2 s, too short for the JIT's share to mean anything: the warm-up stopped at its cap in every
     * quiet run with the compiler at 0.22–0.95 cores.
     */
    private static final PassLength WARM_UP = new PassLength(20, Duration.ofSeconds(1));
    /**
     * The latency warm-up's cap, in passes (each at least a second): about a minute of requests, a few
     * thousand. The figure is that of a service whose path is compiled, as the throughput rows' are: code
     * that runs a few times per request (the clients', the broker's, the service's own per request) needs
     * thousands of calls to reach C2, and at the shared cap of {@value WarmUp#MAX_PASSES} (245–321 requests)
     * every run measured beside the compiler at 0.45–0.53 cores (branch {@code lat13}). A deployed service
     * is such a process after its first few thousand requests, with its broker in a process of its own;
     * the cold service's latency stays in the notes, pass by pass.
     */
    private static final int WARM_UP_MAX_PASSES = 60;
    /**
     * How often the threads' CPU is read while these measures run: every 100 ms, as the throughput
     * measures read it, the reads alone allocated an eighth of what step 9 allocated (JFR), and so
     * added to the collections whose pauses stop the service.
     */
    private static final Duration CPU_SAMPLING = Duration.ofSeconds(1);

    private final BenchContext ctx;
    private final BenchProgress progress;

    AnalysisSteps(BenchContext ctx) {
        this.ctx = ctx;
        this.progress = ctx.progress();
    }

    void serviceLatency(List<RequestTemplate> templates) throws Exception {
        int samples = ctx.options().latencySamples();
        progress.begin("analysis service latency over the worker's TTFT: " + samples + " requests, one at a time");
        try (BenchPipeline pipeline = ctx.pipeline("bench.latency.")) {
            ServiceLatencyProbe.Result result = observed("Analysis latency", () -> ServiceLatencyProbe.run(pipeline,
                    ctx.worker(), BenchContext.target(ctx.worker()), templates.get(0), samples, WARM_UP,
                    WARM_UP_MAX_PASSES, done -> progress.update("request " + done + "/" + samples)));
            Percentiles toWorker = new Percentiles(result.toWorkerMs());
            Percentiles excess = new Percentiles(result.clientTtftExcessMs());
            Percentiles turnaround = new Percentiles(result.turnaroundOverheadMs());
            progress.result("request sent → worker received the call: p50 " + Units.millis(toWorker.at(50)) + ", p95 "
                    + Units.millis(toWorker.at(95)) + "; whole turnaround beyond the worker: p50 "
                    + Units.millis(turnaround.at(50)));
            ctx.add(Figure.below("analysis service latency over the worker's TTFT (request sent → worker received "
                            + "the call), p50 (p95)", Units.millis(toWorker.at(50)) + " (" + Units.millis(toWorker.at(95))
                            + ")", toWorker.at(50), 5, "< 5 ms"));
            ctx.add(Figure.info("TTFT at the client − TTFT at the worker (repeats the request's transfer), p50 (p95)",
                    Units.millis(excess.at(50)) + " (" + Units.millis(excess.at(95)) + ")"));
            ctx.note(String.format("Analysis latency: %d requests one at a time, each a copy of the first request "
                            + "the corpus's aggregation made, written with the configurations it changed in one "
                            + "transaction as the aggregation writes a request with the configurations it changed "
                            + "(analysis-requests and config-metrics, linger 0, uncompressed as the aggregation's): "
                            + "the first with all of its model's configurations, each later one with one of them, "
                            + "round robin, its lastSeen moved, as after a new file of one configuration, so the "
                            + "service reads and decodes it on the path, as a product request's), "
                            + "timed from the moment the transaction's commit is asked for (the bench's reads wake "
                            + "when a result comes or every 100 ms); "
                            + "the worker is the simulator at 0 ms TTFT, which sends with TCP_NODELAY as Ollama's Go "
                            + "server does. Before them, not counted, %d passes of %s (%s requests; their own p50 %s ms), "
                            + "%s (JIT %s cores), "
                            + "then a full collection (System.gc(), so that the measured requests do not pay for the "
                            + "heap the steps before left).%s The measured requests ran with the JIT at %s cores (%s).",
                    samples,
                    result.warmUp().count(), WARM_UP.describe(), result.warmUp().passes().stream()
                            .map(pass -> String.valueOf(pass.requests())).collect(Collectors.joining(", ")),
                    result.warmUp().passes().stream().map(pass -> Units.decimal(pass.p50Ms()))
                            .collect(Collectors.joining(", ")),
                    WarmUp.rule(" during a pass", WARM_UP_MAX_PASSES), result.warmUp().jitPerPass(),
                    result.warmUp().ending(), Units.decimal(result.measured().jit()), result.measured().describe(4)));
            ctx.add(Figure.info("analysis turnaround beyond the worker's generation (request sent → result read), p50 "
                    + "(p95)", Units.millis(turnaround.at(50)) + " (" + Units.millis(turnaround.at(95)) + ")"));
            Percentiles hop = new Percentiles(result.kafkaHopMs());
            Percentiles beyondHop = new Percentiles(result.beyondHopMs());
            ctx.add(Figure.info("Kafka's own hop at the same moments (each request's records committed to topics of "
                    + "their own just before it → a bare read_committed consumer polls the request), p50 (p95)",
                    Units.millis(hop.at(50)) + " (" + Units.millis(hop.at(95)) + ")"));
            ctx.add(Figure.info("analysis service latency less Kafka's hop (each request's figure − the hop just before "
                    + "it: the service's own work and hand-offs), p50 (p95)",
                    Units.millis(beyondHop.at(50)) + " (" + Units.millis(beyondHop.at(95)) + ")"));
            ctx.note("Kafka's hop: before each request, warm-up included, the bench commits the request's very records "
                    + "(the request and its changed configurations, serialised for the product's topics, linger 0, "
                    + "uncompressed) through the same transactional producer to two topics of their own with the "
                    + "partitions of analysis-requests and config-metrics ("
                    + String.join(", ", KafkaHop.topics(pipeline.names().prefix())) + "), and a consumer of the bench "
                    + "(read_committed, assigned, no group, polling on a thread of its own, doing nothing else) "
                    + "stamps the moment its poll returns the request's copy; the hop runs from just before the "
                    + "commit is asked for, as the figure does. It is the commit's markers, the held fetch answered "
                    + "and the polling thread woken, on the same broker, at the same moments, with none of the "
                    + "service's work: the part of the figure the service does not own. The latency less the hop is "
                    + "the median of each request's figure minus the hop measured just before it.");
        }
    }

    void parallelEfficiency(List<RequestTemplate> templates) throws Exception {
        BenchOptions options = ctx.options();
        progress.begin("parallel efficiency: " + options.poolRequests() + " analyses on " + options.workerCounts()
                + " simulated workers, one generation at a time each, ~" + options.callTime().toMillis() + " ms a call");
        List<ParallelismProbe.Run> runs = observed("Parallel efficiency", () -> poolRuns(templates));
        addEfficiencies(runs);
        ctx.note("Parallel efficiency, each batch in the order sent: " + runs.stream().map(AnalysisSteps::batches)
                .collect(Collectors.joining("; ")) + ".");
        ctx.note(String.format("Parallel efficiency: per worker count a fresh analysis service whose pool has one "
                        + "endpoint per simulated worker, concurrency 1 each; every worker runs one generation at a "
                        + "time (maxConcurrent 1) with %d ms to first token; %d analyses of distinct models put on "
                        + "the topic at once (each model's configurations put on config-metrics beforehand, as the "
                        + "aggregation does) after one warm-up analysis per worker, timed from the first send to "
                        + "the last result read; %d such batches per worker count, the median counts.",
                options.callTime().toMillis(), options.poolRequests(), ParallelismProbe.BATCHES));
    }

    /** "4 workers: 1.68 s (calls per worker 8–8, last analysis done at 1.62 s, read 9 ms later …), …". */
    private static String batches(ParallelismProbe.Run run) {
        List<String> each = new ArrayList<>();
        for (int b = 0; b < run.batches().size(); b++) {
            each.add(Units.seconds(run.batches().get(b).toNanos() / 1e9) + " (" + run.traces().get(b).describe() + ")");
        }
        return run.workers() + (run.workers() == 1 ? " worker: " : " workers: ") + String.join(", ", each);
    }

    private List<ParallelismProbe.Run> poolRuns(List<RequestTemplate> templates) throws Exception {
        BenchOptions options = ctx.options();
        List<ParallelismProbe.Run> runs = new ArrayList<>();
        for (int workers : options.workerCounts()) {
            List<OllamaSimulator> simulators = new ArrayList<>();
            try {
                for (int i = 0; i < workers; i++) {
                    simulators.add(new OllamaSimulator(new SimulatorSettings().ttftMs(options.callTime().toMillis())
                            .tokensPerS(100_000).maxConcurrent(1)).start());
                }
                ServiceFactory.LlmTarget target = BenchContext.target(simulators);
                try (BenchPipeline pipeline = ctx.pipeline("bench.pool" + workers + ".")) {
                    ParallelismProbe.Run run = ParallelismProbe.run(pipeline, target, workers, templates,
                            options.poolRequests(), done -> progress.update(workers + " worker(s): " + done + "/"
                                    + options.poolRequests() + " analyses"));
                    runs.add(run);
                    progress.result(workers + " worker(s): " + Units.seconds(run.seconds()) + " for "
                            + run.requests() + " analyses (median of " + run.batches().stream()
                            .map(d -> Units.seconds(d.toNanos() / 1e9)).collect(Collectors.joining(", ")) + ")");
                    for (int b = 0; b < run.traces().size(); b++) {
                        progress.result("  batch " + (b + 1) + ": " + run.traces().get(b).describe());
                    }
                }
            } finally {
                simulators.forEach(OllamaSimulator::close);
            }
        }
        return runs;
    }

    /**
     * Runs {@code measure} and notes what ran beside it in this JVM: the threads alive as it
     * started (what the measures before it left running), the cores each thread group used
     * meanwhile (the broker's threads included) and the collections. These two measures are the
     * ones a busy neighbour moves most, so the note tells the neighbour from the service.
     */
    private <T> T observed(String measure, Callable<T> run) throws Exception {
        LiveThreads atStart = LiveThreads.now();
        GcPauses gc = GcPauses.start();
        long start = System.nanoTime();
        long cpuStart = CpuClock.processNanos();
        T result;
        ThreadCpu.Usage usage;
        try (ThreadCpu cpu = ThreadCpu.start(CPU_SAMPLING)) {
            result = run.call();
            usage = cpu.stop();
        }
        String busy = CpuClock.busy(CpuClock.since(cpuStart), System.nanoTime() - start);
        ctx.note(measure + ", what ran beside it in this JVM: as it started, " + atStart.describe(8)
                + "; while it ran, the process " + (busy.isEmpty() ? "(CPU time unknown)" : busy) + ", by thread: "
                + usage.describe(10) + "; garbage collection: " + gc.describe() + ".");
        return result;
    }

    private void addEfficiencies(List<ParallelismProbe.Run> runs) {
        if (runs.isEmpty() || runs.get(0).workers() != 1) {
            return;
        }
        ParallelismProbe.Run single = runs.get(0);
        ctx.add(Figure.info("analyses/s with 1 worker (" + ctx.options().callTime().toMillis() + " ms calls)",
                Units.decimal(single.requests() / single.seconds()) + " analyses/s"));
        for (ParallelismProbe.Run run : runs.subList(1, runs.size())) {
            double efficiency = single.seconds() / (run.workers() * run.seconds());
            String name = "parallel efficiency, " + run.workers() + " workers (speedup ÷ workers)";
            String value = Units.ratio(efficiency) + " (" + Units.decimal(single.seconds() / run.seconds()) + "×)";
            ctx.add(run.workers() == 4 ? Figure.atLeast(name, value, efficiency, 0.95, "≥ 0.95")
                    : Figure.info(name, value));
        }
    }
}
