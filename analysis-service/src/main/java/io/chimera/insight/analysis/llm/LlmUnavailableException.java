package io.chimera.insight.analysis.llm;

/**
 * No worker answered: connection refused, unknown host, or a connect / first-token / idle / total
 * timeout. Always retryable: the analysis is kept and tried again later.
 */
public class LlmUnavailableException extends LlmException {

    private final boolean unreachable;

    public LlmUnavailableException(String endpoint, String message, Throwable cause) {
        this(endpoint, message, cause, false);
    }

    /**
     * @param unreachable whether no connection could be made at all (refused, unknown host, no
     *                    route, connect timeout), as opposed to a worker that accepted the call and
     *                    then was too slow
     */
    public LlmUnavailableException(String endpoint, String message, Throwable cause, boolean unreachable) {
        super(endpoint, message, cause);
        this.unreachable = unreachable;
    }

    /**
     * Whether the worker could not be reached at all: a worker pool takes such an endpoint out of
     * rotation until its health probe succeeds again, rather than waiting for the circuit breaker.
     */
    public boolean unreachable() {
        return unreachable;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
