package io.chimera.insight.analysis.llm;

/** The wire protocol a GPU worker speaks; {@link #wireName()} is what {@code LlmCall.api} records. */
public enum LlmApi {
    /** Ollama's native {@code /api/chat} with NDJSON streaming. */
    OLLAMA("ollama"),
    /** OpenAI-compatible {@code /v1/chat/completions} with SSE streaming (vLLM, llama.cpp, Ollama's compat layer). */
    OPENAI("openai");

    private final String wireName;

    LlmApi(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
