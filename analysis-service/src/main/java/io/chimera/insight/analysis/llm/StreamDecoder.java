package io.chimera.insight.analysis.llm;

/**
 * Turns one protocol's streamed lines into an answer. One decoder per call; not thread-safe.
 * Decoders throw {@link LlmCallFailedException} for error lines and unreadable chunks.
 */
interface StreamDecoder {

    /** Consumes one line of the response body (without its line terminator). */
    void accept(String line);

    /** Whether the final chunk (Ollama {@code done:true}, SSE {@code [DONE]}) has been seen. */
    boolean finished();

    /** Whether any non-empty content has arrived; the first time this turns true is the first token. */
    boolean hasContent();

    /** The answer, once {@link #finished()}. */
    LlmResponse toResponse(String endpoint, double ttftMs, double wallMs);
}
