package io.chimera.insight.bench.measure;

import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.events.AnalysisRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * How the analysis service's throughput grows with GPU workers: {@code requests} analyses of
 * distinct models are put on the topic at once, and timed from the first send to the last result
 * read, against workers that each run one generation at a time and take a fixed time per call.
 * Each batch is sent {@value #BATCHES} times to the same service and the median time counts: one
 * batch lasts a second or two, and a single late commit shifts it by several percent.
 * Efficiency at K workers is {@code T(1) / (K * T(K))}.
 */
public final class ParallelismProbe {

    /** Batches sent to each service, the median of which counts. */
    public static final int BATCHES = 3;

    /**
     * The batches measured with one worker count.
     *
     * @param elapsed the median batch time
     * @param batches every batch time, in the order sent
     * @param traces  where each batch's time went, in the same order
     */
    public record Run(int workers, int requests, Duration elapsed, List<Duration> batches, List<BatchTrace> traces) {
        public double seconds() {
            return elapsed.toNanos() / 1e9;
        }
    }

    private ParallelismProbe() {
    }

    /**
     * @param llm the analysis service's worker target, spanning the {@code workers} simulated workers
     */
    public static Run run(BenchPipeline pipeline, ServiceFactory.LlmTarget llm, int workers, List<RequestTemplate> templates,
                          int requests, IntConsumer onResult) throws TimeoutException {
        pipeline.startAnalysis(llm);
        try (RequestDriver driver = new RequestDriver(pipeline)) {
            // Every model name the batches replay has its configurations on config-metrics first, as the
            // aggregation's models have: the requests carry none.
            for (int i = 0; i < workers; i++) {
                driver.publishConfigs(templates.get(i % templates.size()), warmUpModel(i));
            }
            for (int b = 0; b < BATCHES; b++) {
                for (int i = 0; i < requests; i++) {
                    RequestTemplate template = templates.get(i % templates.size());
                    driver.publishConfigs(template, batchModel(template, b, i));
                }
            }
            // Warm up every worker's connection and the service's code paths outside the clock.
            Set<String> warmUp = new HashSet<>();
            for (int i = 0; i < workers; i++) {
                AnalysisRequest request = RequestDriver.copyFor(templates.get(i % templates.size()), warmUpModel(i));
                driver.send(request);
                warmUp.add(request.getRequestId());
            }
            driver.await(warmUp, Duration.ofSeconds(120), n -> { });

            List<Duration> times = new ArrayList<>();
            List<BatchTrace> traces = new ArrayList<>();
            for (int b = 0; b < BATCHES; b++) {
                // A full collection before each batch, as before every timed aggregation run: without it a
                // batch met the collections of what the bench left (the configurations published above, the
                // batches and worker counts before it), a pause that stops every worker at once and weighs
                // four times as much in a 4-worker batch a quarter as long (branch eff10: pauses up to 0.8 s
                // beside a CPU neighbour; the bench and the simulator made a fifth of step 9's allocation).
                // The batch's own collections, young or full, stay in its time.
                Heap.settle();
                Set<String> batch = new HashSet<>();
                Instant startedAt = Instant.now();
                long start = System.nanoTime();
                for (int i = 0; i < requests; i++) {
                    RequestTemplate template = templates.get(i % templates.size());
                    AnalysisRequest request = RequestDriver.copyFor(template, batchModel(template, b, i));
                    driver.send(request);
                    batch.add(request.getRequestId());
                }
                Map<String, RequestDriver.Seen> seen = driver.await(batch, Duration.ofSeconds(600), onResult);
                times.add(Duration.ofNanos(System.nanoTime() - start));
                traces.add(BatchTrace.of(startedAt, seen.values()));
            }
            List<Duration> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            return new Run(workers, requests, sorted.get(sorted.size() / 2), List.copyOf(times), List.copyOf(traces));
        }
    }

    private static String warmUpModel(int worker) {
        return "warm-up-" + worker;
    }

    /** The model name of request {@code i} of batch {@code batch}: every analysis of a run is of a model of its own. */
    private static String batchModel(RequestTemplate template, int batch, int i) {
        return template.model() + "-" + batch + "-" + i;
    }
}
