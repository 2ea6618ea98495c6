package io.chimera.insight.analysis.llm;

/**
 * No worker answered: connection refused, unknown host, or a connect / first-token / idle / total
 * timeout. Always retryable: the analysis is kept and tried again later.
 */
public class LlmUnavailableException extends LlmException {

    public LlmUnavailableException(String endpoint, String message, Throwable cause) {
        super(endpoint, message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
