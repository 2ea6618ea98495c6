package io.chimera.insight.analysis.llm;

import io.chimera.insight.events.LlmFailureKind;

/**
 * No worker answered: connection refused, unknown host, a connection closed before any answer, or
 * a connect / first-token / idle / total timeout. Always retryable: the analysis is kept and tried
 * again later.
 */
public class LlmUnavailableException extends LlmException {

    /**
     * @param kind {@link LlmFailureKind#UNREACHABLE} when no connection could be made at all
     *             (refused, unknown host, no route, connect timeout), {@link LlmFailureKind#STALLED}
     *             for a worker that accepted the call and then was too slow, {@link
     *             LlmFailureKind#STREAM_ERROR} for one that closed the connection without answering
     */
    public LlmUnavailableException(String endpoint, LlmFailureKind kind, String workerSaid, String message,
                                   Throwable cause) {
        super(endpoint, kind, workerSaid, message, cause);
    }

    /**
     * Whether the worker could not be reached at all: a worker pool takes such an endpoint out of
     * rotation until its health probe succeeds again, rather than waiting for the circuit breaker.
     */
    public boolean unreachable() {
        return kind() == LlmFailureKind.UNREACHABLE;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
