package io.chimera.insight.analysis.llm;

import java.time.Duration;
import java.util.List;

/**
 * A GPU worker that answers chat requests. Implementations stream the answer underneath (so
 * time to first token can be measured and stalls detected) but return only when it is complete.
 *
 * <p>Implementations are thread-safe: a worker pool may call one client from several threads.
 */
public interface LlmClient {

    /**
     * Sends the request and blocks until the answer is complete.
     *
     * @throws LlmUnavailableException   nothing answered in time (connection refused, timeouts); retryable
     * @throws LlmModelNotFoundException the worker does not have the model
     * @throws LlmCallFailedException    the worker answered with an error (HTTP status, an error line
     *                                   mid-stream, or a stream that ended without its final chunk)
     */
    LlmResponse chat(LlmRequest request);

    /**
     * The models the worker serves, as it names them: Ollama's {@code GET /api/tags}, an
     * OpenAI-compatible server's {@code GET /v1/models}. A worker pool uses it as its health and
     * model-presence probe.
     *
     * @param timeout longest wait for the listing once connected
     * @throws LlmUnavailableException nothing answered in time
     * @throws LlmCallFailedException  the worker answered with an error status or an unreadable listing
     */
    List<String> listModels(Duration timeout);

    /** Base URL of the worker, e.g. {@code http://localhost:11434}. */
    String endpoint();

    LlmApi api();
}
