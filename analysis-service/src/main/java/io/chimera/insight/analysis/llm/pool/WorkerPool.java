package io.chimera.insight.analysis.llm.pool;

import io.chimera.insight.analysis.llm.LlmApi;
import io.chimera.insight.analysis.llm.LlmCallFailedException;
import io.chimera.insight.analysis.llm.LlmClient;
import io.chimera.insight.analysis.llm.LlmClientSettings;
import io.chimera.insight.analysis.llm.LlmClients;
import io.chimera.insight.analysis.llm.LlmException;
import io.chimera.insight.analysis.llm.LlmRequest;
import io.chimera.insight.analysis.llm.LlmResponse;
import io.chimera.insight.events.LlmFailureKind;
import io.chimera.insight.platform.concurrent.DaemonThreads;
import io.chimera.insight.platform.ops.PipelineMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several GPU workers behind one {@link #submit(LlmRequest)}: each endpoint runs at most
 * {@link PoolSettings#concurrencyPerEndpoint()} calls; a request goes to the routable endpoint with
 * the fewest calls running; retryable failures are tried again with exponential backoff and jitter
 * (resilience4j {@link Retry}), possibly on another endpoint; each endpoint has a resilience4j
 * {@link CircuitBreaker}; a health and model-presence probe runs at {@link #start()} and every
 * {@link PoolSettings#probeInterval()}.
 *
 * <p>Requests beyond the running calls wait in a bounded queue ({@link PoolSettings#queueCapacity()}):
 * {@link #submit} refuses a request when it is full, and {@link #hasRoom()} lets a consumer stop
 * taking work before that. When no endpoint can serve (all down, without the model, or with open
 * circuits) requests fail at once with {@link NoWorkerAvailableException}.
 *
 * <p>Thread-safe. Threads are daemons, so a pool never keeps a JVM alive; {@link #close()} does not
 * wait for calls in progress.
 *
 * <pre>{@code
 * try (WorkerPool pool = WorkerPool.create(LlmApi.OLLAMA, List.of(urlA, urlB), "gemma3:latest",
 *         LlmClientSettings.defaults(), PoolSettings.defaults().withConcurrencyPerEndpoint(2))) {
 *     pool.start();
 *     PoolOutcome outcome = pool.submit(request).join();
 * }
 * }</pre>
 */
public final class WorkerPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final String model;
    private final PoolSettings settings;
    private final List<WorkerEndpoint> endpoints;
    private final ExecutorService callers;
    private final ScheduledExecutorService timer;
    private final ScheduledExecutorService prober;
    private final Dispatcher dispatcher;
    private final HealthMonitor health;
    private final Retry retry;
    private final int capacity;
    private final AtomicInteger pending = new AtomicInteger();
    private final List<Runnable> availabilityListeners = new CopyOnWriteArrayList<>();
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param clients one per endpoint, all speaking to workers that should serve {@code model}
     * @param model   the model requests ask for; probes check each endpoint serves it
     */
    public WorkerPool(List<LlmClient> clients, String model, PoolSettings settings) {
        this(clients, model, settings, PipelineMetrics.none("analyze"));
    }

    /** @param metrics where each call's TTFT, tokens/s and the calls in flight per endpoint are measured */
    public WorkerPool(List<LlmClient> clients, String model, PoolSettings settings, PipelineMetrics metrics) {
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("a worker pool needs at least one endpoint");
        }
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        CircuitBreakerConfig circuitConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.circuitWindow())
                // Judged over a full window: two transient failures among the first calls must not
                // open it (with one endpoint, an open circuit refuses every request for its duration).
                .minimumNumberOfCalls(settings.circuitWindow())
                .failureRateThreshold(settings.circuitFailureRate())
                .waitDurationInOpenState(settings.circuitOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                // Only failures of the worker count; a request the worker rightly refuses does not.
                .recordException(thrown -> thrown instanceof LlmException llm && llm.retryable())
                .build();
        List<WorkerEndpoint> built = new ArrayList<>();
        for (LlmClient client : clients) {
            built.add(new WorkerEndpoint(client, CircuitBreaker.of("llm " + client.endpoint(), circuitConfig),
                    settings.concurrencyPerEndpoint()));
        }
        this.endpoints = List.copyOf(built);
        this.callers = Executors.newCachedThreadPool(DaemonThreads.named("llm-call"));
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("llm-pool-timer"));
        // Probes get their own thread: a probe waiting on a hung worker must not delay retries.
        this.prober = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("llm-pool-probe"));
        endpoints.forEach(endpoint -> metrics.worker(endpoint.url()));
        this.dispatcher = new Dispatcher(endpoints, model, callers, metrics);
        this.health = new HealthMonitor(endpoints, model, settings.probeTimeout(), callers, this::recovered);
        this.retry = RetryPolicy.retry("llm " + model, settings);
        this.capacity = settings.queueCapacity() + endpoints.size() * settings.concurrencyPerEndpoint();
    }

    /** A pool of clients of one protocol, one per base URL. */
    public static WorkerPool create(LlmApi api, List<String> urls, String model, LlmClientSettings clientSettings,
                                    PoolSettings settings) {
        return create(api, urls, model, clientSettings, settings, PipelineMetrics.none("analyze"));
    }

    /** A pool of clients of one protocol, one per base URL, measured into {@code metrics}. */
    public static WorkerPool create(LlmApi api, List<String> urls, String model, LlmClientSettings clientSettings,
                                    PoolSettings settings, PipelineMetrics metrics) {
        List<LlmClient> clients = urls.stream().map(url -> LlmClients.create(api, url, clientSettings)).toList();
        return new WorkerPool(clients, model, settings, metrics);
    }

    /**
     * Probes every endpoint once (waiting at most the probe timeout plus a little) and schedules the
     * periodic probes. Requests submitted before this are routed optimistically.
     */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        health.probeAll(settings.probeTimeout().plusSeconds(2));
        for (EndpointStatus status : status()) {
            LOG.info("GPU worker {}", status.describe());
        }
        long every = settings.probeInterval().toMillis();
        prober.scheduleWithFixedDelay(() -> health.probeAll(settings.probeInterval()), every, every,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Queues a request. The future always completes normally, with the answer or the failure of the
     * last try; it does not complete once the pool is closed.
     *
     * @throws RejectedExecutionException the queue is full or the pool closed
     */
    public CompletableFuture<PoolOutcome> submit(LlmRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            throw new RejectedExecutionException("the worker pool is closed");
        }
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            throw new RejectedExecutionException("the worker pool's queue is full (" + capacity
                    + " requests running or waiting)");
        }
        CallLedger ledger = new CallLedger();
        return Retry.decorateCompletionStage(retry, timer, () -> dispatcher.enqueue(request, ledger))
                .get()
                .toCompletableFuture()
                .handle((LlmResponse response, Throwable error) -> {
                    pending.decrementAndGet();
                    if (error == null) {
                        return new PoolOutcome(response, null, ledger.queueWaitMs(), ledger.attempts());
                    }
                    return new PoolOutcome(null, asLlmException(error), ledger.queueWaitMs(), ledger.attempts());
                });
    }

    /** Whether {@link #submit} would accept another request now. */
    public boolean hasRoom() {
        return !closed && pending.get() < capacity;
    }

    /** Requests accepted and not finished, running or waiting (retries included). */
    public int pending() {
        return pending.get();
    }

    /** Requests the pool holds at most: running slots plus the queue. */
    public int capacity() {
        return capacity;
    }

    public String model() {
        return model;
    }

    /** Every endpoint's current state. */
    public List<EndpointStatus> status() {
        return dispatcher.status();
    }

    /** Whether some endpoint could take a call now or soon (routable, circuit not open). */
    public boolean anyAvailable() {
        return endpoints.stream().anyMatch(WorkerEndpoint::canServe);
    }

    /** Runs {@code listener} (on a pool thread) whenever an endpoint that was down or lacked the model recovers. */
    public void onWorkerAvailable(Runnable listener) {
        availabilityListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Adds an observer of every call sent to a worker (metrics). */
    public void observe(CallObserver observer) {
        dispatcher.observe(Objects.requireNonNull(observer, "observer"));
    }

    /** Probes every endpoint now, instead of at the next interval. */
    public void probeNow() {
        health.probeAll(settings.probeTimeout().plusSeconds(2));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        dispatcher.close();
        timer.shutdownNow();
        prober.shutdownNow();
        callers.shutdownNow();
    }

    private void recovered() {
        dispatcher.dispatch();
        for (Runnable listener : availabilityListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("worker-available listener failed", e);
            }
        }
    }

    private LlmException asLlmException(Throwable error) {
        Throwable cause = RetryPolicy.unwrap(error);
        if (cause instanceof LlmException llm) {
            return llm;
        }
        return new LlmCallFailedException(String.join(", ", endpoints.stream().map(WorkerEndpoint::url).toList()),
                LlmFailureKind.STREAM_ERROR, null, String.valueOf(cause), "the worker pool failed: " + cause, cause);
    }

}
