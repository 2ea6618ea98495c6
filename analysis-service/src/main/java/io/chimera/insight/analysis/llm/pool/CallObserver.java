package io.chimera.insight.analysis.llm.pool;

import io.chimera.insight.analysis.llm.LlmException;
import io.chimera.insight.analysis.llm.LlmResponse;

/**
 * Sees every call the pool sends to a worker, for metrics (calls in flight per worker, TTFT,
 * tokens/s, failures). Called on pool threads; must be quick and must not throw.
 */
public interface CallObserver {

    /** A call to {@code endpoint} starts. */
    void started(String endpoint);

    /**
     * The call ended.
     *
     * @param response the answer, or {@code null} when the call failed
     * @param failure  why it failed, or {@code null} when it answered
     */
    void finished(String endpoint, LlmResponse response, LlmException failure);
}
