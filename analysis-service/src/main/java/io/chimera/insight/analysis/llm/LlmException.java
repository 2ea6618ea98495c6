package io.chimera.insight.analysis.llm;

import io.chimera.insight.events.LlmFailureKind;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a chat call produced no answer. Unchecked, so the call can run inside resilience4j
 * decorators; {@link #retryable()} tells a retry policy whether another try (possibly on another
 * worker) can succeed. Each failure is classified ({@link #kind()}) and keeps what the worker
 * itself said ({@link #workerSaid()}: its HTTP status and error text, or the first bytes of what it
 * sent), so a report can say more than "no worker answered".
 */
public abstract class LlmException extends RuntimeException {

    private final String endpoint;
    private final LlmFailureKind kind;
    private final String workerSaid;

    /** @param workerSaid the worker's own words, already cut short to about 200 characters; null when none */
    protected LlmException(String endpoint, LlmFailureKind kind, String workerSaid, String message, Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.workerSaid = workerSaid;
    }

    /** Base URL of the worker that was tried. */
    public String endpoint() {
        return endpoint;
    }

    /** What kind of failure it was. */
    public LlmFailureKind kind() {
        return kind;
    }

    /** The worker's own words (e.g. {@code HTTP 500: CUDA error: out of memory}), when it said any. */
    public Optional<String> workerSaid() {
        return Optional.ofNullable(workerSaid);
    }

    /** Whether trying again (later or elsewhere) may succeed. */
    public abstract boolean retryable();
}
