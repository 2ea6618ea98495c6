package io.chimera.insight.bench.measure;

import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.result.Percentiles;
import io.chimera.insight.bench.result.ThreadCpu;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.LlmCall;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.RecordedRequest;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The latency the analysis service adds on top of the worker's own time to first token, one
 * request at a time (no queueing): from the request put on {@code analysis-requests} to the
 * moment the worker receives the HTTP call (consume, decode, read the request's configurations,
 * build the prompt, dispatch, send): the simulator notes it once it has read the call's body, before it
 * parses it, which is the worker's own work (a real worker's, in its own process). Each request is
 * written with the configurations it changed in one transaction, as the aggregation writes them
 * ({@link RequestDriver#emit}), and its clock starts as
 * that transaction's commit is asked for: the records' produce round trip before it is the
 * aggregation's work in the product, the commit (its markers make the request readable) and
 * everything after it are on the path a product request takes. The first emission writes every
 * configuration of the model; each later one moves one configuration ({@link RequestTemplate#movedOne},
 * round robin), as a new file of one configuration does in the product, so every request's digest
 * differs from the one before's and the service reads that configuration's record on the path
 * rather than finding it already held.
 * After that the first token takes the worker's TTFT plus its trip back, well under a
 * millisecond on loopback with TCP_NODELAY, which the bench's worker sets as Ollama's does.
 *
 * <p>Also measured, without targets: TTFT at the client minus TTFT at the worker (the client's
 * clock starts before it sends the request, so this repeats the request's transfer from the
 * first figure and adds the first chunk's trip back), and the whole turnaround beyond the
 * worker's generation (parse, verify, commit the result transaction, the result read back).
 *
 * <p>And Kafka's own part of the path at the same moments ({@link KafkaHop}): just before each request,
 * its very records go in a transaction of their own to two topics shaped as the product's, read by a
 * bare {@code read_committed} consumer; commit asked → that consumer's poll returns the request is the
 * hop the service does not own. Each request's figure less the hop just before it is the rest: the
 * service's own work and hand-offs, and the worker's receipt.
 */
public final class ServiceLatencyProbe {

    /**
     * @param toWorkerMs           per request, request sent to the worker's receipt of the HTTP call
     * @param clientTtftExcessMs   per request, TTFT at the client minus TTFT at the worker
     * @param turnaroundOverheadMs per request, request sent to result read, minus the worker's total time
     * @param kafkaHopMs           per request, Kafka's own hop just before it: its records' copies committed →
     *                             a bare read_committed consumer polled the request's copy ({@link KafkaHop})
     * @param warmUp               the warm-up's passes, each its requests and the threads' CPU while it ran
     * @param measured             the threads' CPU (the JIT's among them) while the measured requests ran
     */
    public record Result(List<Double> toWorkerMs, List<Double> clientTtftExcessMs, List<Double> turnaroundOverheadMs,
                         List<Double> kafkaHopMs, WarmUp<WarmUpPass> warmUp, ThreadCpu.Usage measured) {

        /** Per request, {@code toWorkerMs} less the {@code kafkaHopMs} measured just before it: the service's part. */
        public List<Double> beyondHopMs() {
            return IntStream.range(0, toWorkerMs.size()).mapToObj(i -> toWorkerMs.get(i) - kafkaHopMs.get(i)).toList();
        }
    }

    /**
     * One warm-up pass: the requests it sent, their median latency (request sent → the worker received the
     * call, as the figure), and the threads' CPU (the JIT's among them) while it ran. The passes' medians
     * show the cold service's latency falling as its path compiles.
     */
    public record WarmUpPass(int requests, double p50Ms, ThreadCpu.Usage usage) {
    }

    /** How often the warm-up passes read the threads' CPU: the JIT's share comes from /proc at start and end. */
    private static final Duration CPU_SAMPLING = Duration.ofSeconds(1);

    /** How long Kafka's hop may take before the measure fails: it is a few milliseconds. */
    private static final Duration HOP_TIMEOUT = Duration.ofSeconds(30);

    private ServiceLatencyProbe() {
    }

    /**
     * Sends requests, not counted, in passes of {@code warmUp}'s length until the JIT spent under
     * {@link WarmUp#COMPILED_JIT_CORES} cores during {@value WarmUp#SETTLED_PASSES} in a row (at most
     * {@code maxWarmUpPasses}), as the throughput measures warm up: five requests alone left the
     * compiler at 0.2–0.3 cores through the 40 measured ones on the loaded 2 cores, a third to a half of
     * what the process used, so the latency measured was in part the compiler's. The figure is that of a
     * service whose path is compiled, as a long-running one's is: its hot loops run per configuration and
     * metric, thousands of times per request. Then measures {@code samples} requests.
     */
    public static Result run(BenchPipeline pipeline, OllamaSimulator worker, ServiceFactory.LlmTarget llm,
                             RequestTemplate template, int samples, PassLength warmUp, int maxWarmUpPasses,
                             IntConsumer onSample)
            throws Exception {
        pipeline.startAnalysis(llm);
        List<Double> toWorker = new ArrayList<>();
        List<Double> stream = new ArrayList<>();
        List<Double> turnaround = new ArrayList<>();
        List<Double> hops = new ArrayList<>();
        try (RequestDriver driver = new RequestDriver(pipeline);
             KafkaHop hop = new KafkaHop(pipeline.settings(), pipeline.names().prefix(),
                     pipeline.names().of(Topics.ANALYSIS_REQUESTS), pipeline.names().of(Topics.CONFIG_METRICS))) {
            Emissions emissions = new Emissions(template);
            WarmUp<WarmUpPass> passes = WarmUp.run(pass -> {
                try (ThreadCpu cpu = ThreadCpu.start(CPU_SAMPLING)) {
                    long start = System.nanoTime();
                    List<Double> latencies = new ArrayList<>();
                    while (!warmUp.reached(latencies.size(), Duration.ofNanos(System.nanoTime() - start))) {
                        Sample sample = analyse(driver, hop, worker, emissions);
                        latencies.add(sample.toWorkerMs());
                    }
                    ThreadCpu.Usage usage = cpu.stop();
                    return new WarmUpPass(latencies.size(), new Percentiles(latencies).at(50), usage);
                }
            }, WarmUpPass::usage, maxWarmUpPasses);
            // A full collection before the measured requests, as before every timed aggregation run and every
            // parallel-efficiency batch: without it the step's young collections paid for the old generation the
            // steps before it had refilled since the detection pairs' last full collection (see Heap).
            Heap.settle();
            // Whether the warm-up left the compiler idle shows in the measured requests' own JIT cores.
            ThreadCpu.Usage measured;
            try (ThreadCpu cpu = ThreadCpu.start(CPU_SAMPLING)) {
                for (int i = 0; i < samples; i++) {
                    Sample sample = analyse(driver, hop, worker, emissions);
                    double workerTtft = orZero(sample.call().getLoadDurationMs())
                            + orZero(sample.call().getPromptEvalDurationMs());
                    toWorker.add(sample.toWorkerMs());
                    hops.add(sample.kafkaHopMs());
                    stream.add(sample.call().getTtftMs() - workerTtft);
                    turnaround.add(millis(sample.sent(), sample.seen()) - orZero(sample.call().getTotalDurationMs()));
                    onSample.accept(i + 1);
                }
                measured = cpu.stop();
            }
            return new Result(toWorker, stream, turnaround, hops, passes, measured);
        }
    }

    /** One request's trip: sent, received by the worker, its result read; and Kafka's hop just before it. */
    private record Sample(Instant sent, RecordedRequest received, LlmCall call, Instant seen, double kafkaHopMs) {

        /** The figure: request sent → the worker received the call, ms. */
        double toWorkerMs() {
            return millis(sent, received.receivedAt());
        }
    }

    /** A model's emissions one after another: the first changes every configuration, each later one moves one. */
    private static final class Emissions {
        private RequestTemplate last;
        private int emitted;

        Emissions(RequestTemplate template) {
            this.last = template;
        }

        RequestTemplate next(long millis) {
            last = emitted == 0 ? last.emittedAt(millis) : last.movedOne(emitted - 1, millis);
            emitted++;
            return last;
        }
    }

    private static Sample analyse(RequestDriver driver, KafkaHop hop, OllamaSimulator worker, Emissions emissions)
            throws TimeoutException, InterruptedException {
        long at = System.currentTimeMillis();
        RequestTemplate emission = emissions.next(at);
        AnalysisRequest request = RequestDriver.copyFor(emission, emission.model(), at);
        // Kafka's hop first, with the request's very records, so that the service is idle while it is timed.
        long committing = driver.emitTo(hop, request, emission, at);
        double hopMs = (hop.next(HOP_TIMEOUT).nanos() - committing) / 1e6;
        int callsBefore = worker.callCount();
        RequestDriver.Sent sent = driver.emit(request, emission, at);
        RequestDriver.Seen seen;
        try {
            seen = driver.await(Set.of(request.getRequestId()), Duration.ofSeconds(60), n -> { })
                    .get(request.getRequestId());
        } catch (TimeoutException e) {
            sent.confirm(); // a request the broker refused is why, rather than the service
            throw e;
        }
        sent.confirm();
        LlmCall call = seen.result().getCall();
        if (call == null || worker.callCount() != callsBefore + 1) {
            throw new IllegalStateException("analysis of a bench request did not make exactly one call: "
                    + seen.result().getStatus() + " " + seen.result().getError());
        }
        return new Sample(sent.at(), worker.lastRequest(), call, seen.at(), hopMs);
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
