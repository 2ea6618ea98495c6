package io.chimera.insight.analysis.llm;

/**
 * Why a chat call produced no answer. Unchecked, so the call can run inside resilience4j
 * decorators; {@link #retryable()} tells a retry policy whether another try (possibly on another
 * worker) can succeed.
 */
public abstract class LlmException extends RuntimeException {

    private final String endpoint;

    protected LlmException(String endpoint, String message, Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
    }

    /** Base URL of the worker that was tried. */
    public String endpoint() {
        return endpoint;
    }

    /** Whether trying again (later or elsewhere) may succeed. */
    public abstract boolean retryable();
}
