package io.chimera.insight.analysis.llm.pool;

import io.chimera.insight.analysis.llm.LlmCallFailedException;
import io.chimera.insight.analysis.llm.LlmException;
import io.chimera.insight.analysis.llm.LlmModelNotFoundException;
import io.chimera.insight.analysis.llm.LlmRequest;
import io.chimera.insight.analysis.llm.LlmResponse;
import io.chimera.insight.analysis.llm.LlmUnavailableException;
import io.chimera.insight.events.LlmFailureKind;
import io.chimera.insight.platform.ops.InFlight;
import io.chimera.insight.platform.ops.PipelineMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands each try to an endpoint: the routable endpoint with the fewest calls running and a free
 * slot whose circuit breaker admits a call, ties broken round-robin so idle workers share sequential
 * traffic. Tries wait here, in arrival order, while every usable endpoint is busy; when no endpoint
 * can serve at all (all down, missing the model or with open circuits) they fail at once with
 * {@link NoWorkerAvailableException} instead of waiting for nothing.
 *
 * <p>The blocking chat call runs on the caller pool; futures are completed outside the lock.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final List<WorkerEndpoint> endpoints;
    private final String model;
    private final ExecutorService callers;
    private final PipelineMetrics metrics;
    private final Deque<Attempt> waiting = new ArrayDeque<>();
    private final List<CallObserver> observers = new CopyOnWriteArrayList<>();
    private int rotation;
    private boolean closed;

    Dispatcher(List<WorkerEndpoint> endpoints, String model, ExecutorService callers, PipelineMetrics metrics) {
        this.endpoints = List.copyOf(endpoints);
        this.model = model;
        this.callers = callers;
        this.metrics = metrics;
    }

    /** Queues one try of {@code request}; the future completes with its answer or its exception. */
    CompletableFuture<LlmResponse> enqueue(LlmRequest request, CallLedger ledger) {
        Attempt attempt = new Attempt(request, ledger, System.nanoTime(), new CompletableFuture<>());
        boolean accepted;
        synchronized (this) {
            accepted = !closed;
            if (accepted) {
                waiting.addLast(attempt);
            }
        }
        if (!accepted) {
            attempt.result.completeExceptionally(new RejectedExecutionException("the worker pool is closed"));
            return attempt.result;
        }
        dispatch();
        return attempt.result;
    }

    /** Starts waiting tries on free endpoints; call whenever a slot frees or an endpoint's state changes. */
    void dispatch() {
        List<Runnable> actions = new ArrayList<>();
        synchronized (this) {
            while (!waiting.isEmpty()) {
                WorkerEndpoint chosen = choose();
                if (chosen == null) {
                    if (endpoints.stream().noneMatch(WorkerEndpoint::canServe)) {
                        failAllWaiting(noWorker(), actions);
                    }
                    break;
                }
                Attempt attempt = waiting.pollFirst();
                chosen.callStarted();
                actions.add(() -> start(attempt, chosen));
            }
        }
        actions.forEach(Runnable::run);
    }

    void observe(CallObserver observer) {
        observers.add(observer);
    }

    /** Snapshots of every endpoint, consistent with each other. */
    synchronized List<EndpointStatus> status() {
        return endpoints.stream().map(WorkerEndpoint::status).toList();
    }

    /** Fails what is waiting; later tries are refused. */
    void close() {
        List<Runnable> actions = new ArrayList<>();
        synchronized (this) {
            closed = true;
            failAllWaiting(new RejectedExecutionException("the worker pool is closed"), actions);
        }
        actions.forEach(Runnable::run);
    }

    private WorkerEndpoint choose() {
        int n = endpoints.size();
        List<WorkerEndpoint> candidates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            WorkerEndpoint endpoint = endpoints.get((rotation + i) % n);
            if (endpoint.canTakeCall()) {
                candidates.add(endpoint);
            }
        }
        // Stable sort: among equally busy endpoints the rotation order decides.
        candidates.sort(Comparator.comparingInt(WorkerEndpoint::outstanding));
        for (WorkerEndpoint candidate : candidates) {
            // Also moves an open circuit whose wait is over to half-open, admitting one trial call.
            if (candidate.circuit().tryAcquirePermission()) {
                rotation = (endpoints.indexOf(candidate) + 1) % n;
                return candidate;
            }
        }
        return null;
    }

    private NoWorkerAvailableException noWorker() {
        return new NoWorkerAvailableException(model, endpoints.stream().map(WorkerEndpoint::status).toList(),
                endpoints.stream().map(WorkerEndpoint::lastFailure).toList());
    }

    private void failAllWaiting(Exception failure, List<Runnable> actions) {
        while (!waiting.isEmpty()) {
            Attempt attempt = waiting.pollFirst();
            actions.add(() -> attempt.result.completeExceptionally(failure));
        }
    }

    private void start(Attempt attempt, WorkerEndpoint endpoint) {
        try {
            callers.execute(() -> run(attempt, endpoint));
        } catch (RejectedExecutionException closing) {
            synchronized (this) {
                endpoint.callEnded();
            }
            endpoint.circuit().releasePermission();
            attempt.result.completeExceptionally(closing);
        }
    }

    private void run(Attempt attempt, WorkerEndpoint endpoint) {
        long started = System.nanoTime();
        attempt.ledger.started(started - attempt.enqueuedNanos);
        notify(observer -> observer.started(endpoint.url()));
        LlmResponse response = null;
        LlmException failure = null;
        InFlight inflight = metrics.inflight(endpoint.url());
        try {
            response = endpoint.client().chat(attempt.request);
            endpoint.circuit().onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            // TTFT only for a call that got a first token: without content the client reports its wall time.
            metrics.llmCall(endpoint.url(), response.content().isEmpty() ? null
                    : Duration.ofNanos(Math.round(response.ttftMs() * 1e6)), response.tokensPerS());
        } catch (LlmException e) {
            failure = e;
            endpoint.circuit().onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            learnFrom(endpoint, e);
        } catch (RuntimeException e) {
            failure = new LlmCallFailedException(endpoint.url(), LlmFailureKind.STREAM_ERROR, null, e.toString(),
                    "unexpected failure calling " + endpoint.url() + ": " + e, e);
            endpoint.circuit().onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failure);
            endpoint.failed(failure);
        } finally {
            inflight.close();
            synchronized (this) {
                endpoint.callEnded();
            }
        }
        LlmResponse answer = response;
        LlmException error = failure;
        notify(observer -> observer.finished(endpoint.url(), answer, error));
        dispatch();
        if (failure == null) {
            attempt.result.complete(response);
        } else {
            attempt.result.completeExceptionally(failure);
        }
    }

    private void notify(Consumer<CallObserver> event) {
        for (CallObserver observer : observers) {
            try {
                event.accept(observer);
            } catch (RuntimeException e) {
                LOG.warn("call observer failed", e);
            }
        }
    }

    /**
     * A refused connection or a missing model takes the endpoint out of rotation until a probe clears
     * it. A stall opens its circuit at once: the worker took the call and went silent for the whole
     * idle (or first-token) timeout, so the retry goes to another endpoint, or, with none, the request
     * fails now and is tried again later, instead of stalling on the same worker once per attempt.
     */
    private static void learnFrom(WorkerEndpoint endpoint, LlmException failure) {
        endpoint.failed(failure);
        if (failure.kind() == LlmFailureKind.STALLED && endpoint.circuit().getState() != CircuitBreaker.State.OPEN) {
            endpoint.circuit().transitionToOpenState();
            LOG.warn("GPU worker {} stalled ({}); its circuit is open, retries go elsewhere", endpoint.url(),
                    failure.workerSaid().orElse(failure.getMessage()));
        }
        if (failure instanceof LlmUnavailableException unavailable && unavailable.unreachable()) {
            endpoint.update(EndpointHealth.DOWN, failure.getMessage());
            LOG.warn("GPU worker {} unreachable; routing around it until its probe succeeds", endpoint.url());
        } else if (failure instanceof LlmModelNotFoundException) {
            endpoint.update(EndpointHealth.MODEL_MISSING, failure.getMessage());
            LOG.warn("{}", failure.getMessage());
        }
    }

    private record Attempt(LlmRequest request, CallLedger ledger, long enqueuedNanos,
                           CompletableFuture<LlmResponse> result) {
    }
}
