package io.chimera.insight.analysis.llm.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WorkerPool} spreads, retries and guards calls.
 *
 * @param concurrencyPerEndpoint calls one endpoint runs at once (Ollama's {@code OLLAMA_NUM_PARALLEL})
 * @param queueCapacity          requests that may wait for a free slot beyond those running; a full
 *                               queue rejects new requests, so the caller must stop taking work
 * @param maxAttempts            tries per request, the first included, for retryable failures
 * @param initialBackoff         wait before the first retry; doubles per retry, randomised by ±50 %
 * @param maxBackoff             longest wait between two tries
 * @param maxRetryAfter          longest {@code Retry-After} honoured; a server asking for more gets this
 * @param probeInterval          time between two health and model-presence probes of each endpoint
 * @param probeTimeout           longest wait for a model listing once connected
 * @param circuitWindow          calls the circuit breaker of an endpoint judges (count-based window)
 * @param circuitFailureRate     failure percentage over the window that opens the circuit
 * @param circuitOpenDuration    how long an open circuit refuses calls before one trial call
 */
public record PoolSettings(int concurrencyPerEndpoint, int queueCapacity, int maxAttempts,
                           Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                           Duration probeInterval, Duration probeTimeout,
                           int circuitWindow, float circuitFailureRate, Duration circuitOpenDuration) {

    public static final int DEFAULT_CONCURRENCY_PER_ENDPOINT = 1;
    public static final int DEFAULT_QUEUE_CAPACITY = 32;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(15);

    public PoolSettings {
        requireAtLeast(concurrencyPerEndpoint, 1, "concurrencyPerEndpoint");
        requireAtLeast(queueCapacity, 0, "queueCapacity");
        requireAtLeast(maxAttempts, 1, "maxAttempts");
        requireAtLeast(circuitWindow, 1, "circuitWindow");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        requirePositive(probeInterval, "probeInterval");
        requirePositive(probeTimeout, "probeTimeout");
        requirePositive(circuitOpenDuration, "circuitOpenDuration");
        if (!(circuitFailureRate > 0 && circuitFailureRate <= 100)) {
            throw new IllegalArgumentException("circuitFailureRate must be within (0, 100]: " + circuitFailureRate);
        }
    }

    /**
     * One call per endpoint, 32 waiting, 3 tries 0.5 s → 10 s apart, Retry-After up to 60 s,
     * probes every 15 s (5 s timeout), circuit opens at 50 % failures over 6 calls for 30 s.
     */
    public static PoolSettings defaults() {
        return new PoolSettings(DEFAULT_CONCURRENCY_PER_ENDPOINT, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_ATTEMPTS,
                Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(60), DEFAULT_PROBE_INTERVAL,
                Duration.ofSeconds(5), 6, 50f, Duration.ofSeconds(30));
    }

    public PoolSettings withConcurrencyPerEndpoint(int value) {
        return new PoolSettings(value, queueCapacity, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter,
                probeInterval, probeTimeout, circuitWindow, circuitFailureRate, circuitOpenDuration);
    }

    public PoolSettings withQueueCapacity(int value) {
        return new PoolSettings(concurrencyPerEndpoint, value, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter,
                probeInterval, probeTimeout, circuitWindow, circuitFailureRate, circuitOpenDuration);
    }

    public PoolSettings withMaxAttempts(int value) {
        return new PoolSettings(concurrencyPerEndpoint, queueCapacity, value, initialBackoff, maxBackoff, maxRetryAfter,
                probeInterval, probeTimeout, circuitWindow, circuitFailureRate, circuitOpenDuration);
    }

    public PoolSettings withBackoff(Duration initial, Duration max) {
        return new PoolSettings(concurrencyPerEndpoint, queueCapacity, maxAttempts, initial, max, maxRetryAfter,
                probeInterval, probeTimeout, circuitWindow, circuitFailureRate, circuitOpenDuration);
    }

    public PoolSettings withMaxRetryAfter(Duration value) {
        return new PoolSettings(concurrencyPerEndpoint, queueCapacity, maxAttempts, initialBackoff, maxBackoff, value,
                probeInterval, probeTimeout, circuitWindow, circuitFailureRate, circuitOpenDuration);
    }

    public PoolSettings withProbeInterval(Duration value) {
        return new PoolSettings(concurrencyPerEndpoint, queueCapacity, maxAttempts, initialBackoff, maxBackoff,
                maxRetryAfter, value, probeTimeout, circuitWindow, circuitFailureRate, circuitOpenDuration);
    }

    public PoolSettings withCircuit(int window, float failureRate, Duration openDuration) {
        return new PoolSettings(concurrencyPerEndpoint, queueCapacity, maxAttempts, initialBackoff, maxBackoff,
                maxRetryAfter, probeInterval, probeTimeout, window, failureRate, openDuration);
    }

    private static void requireAtLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
