package io.chimera.insight.analysis.llm;

/** Creates the client for a worker's protocol, so wiring code need not know the classes. */
public final class LlmClients {

    private LlmClients() {
    }

    public static LlmClient create(LlmApi api, String baseUrl, LlmClientSettings settings) {
        return switch (api) {
            case OLLAMA -> new OllamaChatClient(baseUrl, settings);
            case OPENAI -> new OpenAiChatClient(baseUrl, settings);
        };
    }
}
