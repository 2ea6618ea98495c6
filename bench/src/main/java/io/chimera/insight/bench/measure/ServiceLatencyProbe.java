package io.chimera.insight.bench.measure;

import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.LlmCall;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * The latency the analysis service adds on top of the worker's own time to first token, one
 * request at a time (no queueing): from the request put on {@code analysis-requests} to the
 * moment the worker receives the HTTP call (consume, decode, build the prompt, dispatch, send).
 * After that the first token takes the worker's TTFT plus its trip back, well under a
 * millisecond on loopback with TCP_NODELAY, which the bench's worker sets as Ollama's does.
 *
 * <p>Also measured, without targets: TTFT at the client minus TTFT at the worker (the client's
 * clock starts before it sends the request, so this repeats the request's transfer from the
 * first figure and adds the first chunk's trip back), and the whole turnaround beyond the
 * worker's generation (parse, verify, commit the result transaction, the result read back).
 */
public final class ServiceLatencyProbe {

    /**
     * @param toWorkerMs           per request, request sent to the worker's receipt of the HTTP call
     * @param clientTtftExcessMs   per request, TTFT at the client minus TTFT at the worker
     * @param turnaroundOverheadMs per request, request sent to result read, minus the worker's total time
     */
    public record Result(List<Double> toWorkerMs, List<Double> clientTtftExcessMs, List<Double> turnaroundOverheadMs) {
    }

    private ServiceLatencyProbe() {
    }

    public static Result run(BenchPipeline pipeline, OllamaSimulator worker, ServiceFactory.LlmTarget llm,
                             AnalysisRequest template, int samples, int warmUp, IntConsumer onSample)
            throws TimeoutException {
        pipeline.startAnalysis(llm);
        List<Double> toWorker = new ArrayList<>();
        List<Double> stream = new ArrayList<>();
        List<Double> turnaround = new ArrayList<>();
        try (RequestDriver driver = new RequestDriver(pipeline)) {
            for (int i = 0; i < warmUp + samples; i++) {
                AnalysisRequest request = RequestDriver.copyFor(template, template.getModel());
                int callsBefore = worker.callCount();
                Instant sent = driver.send(request);
                RequestDriver.Seen seen = driver.await(Set.of(request.getRequestId()), Duration.ofSeconds(60), n -> { })
                        .get(request.getRequestId());
                LlmCall call = seen.result().getCall();
                if (call == null || worker.callCount() != callsBefore + 1) {
                    throw new IllegalStateException("analysis of a bench request did not make exactly one call: "
                            + seen.result().getStatus() + " " + seen.result().getError());
                }
                if (i < warmUp) {
                    continue;
                }
                RecordedRequest received = worker.lastRequest();
                double workerTtft = orZero(call.getLoadDurationMs()) + orZero(call.getPromptEvalDurationMs());
                toWorker.add(millis(sent, received.receivedAt()));
                stream.add(call.getTtftMs() - workerTtft);
                turnaround.add(millis(sent, seen.at()) - orZero(call.getTotalDurationMs()));
                onSample.accept(i - warmUp + 1);
            }
        }
        return new Result(toWorker, stream, turnaround);
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
