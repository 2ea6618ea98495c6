package io.chimera.insight.analysis.llm;

import io.chimera.insight.events.LlmFailureKind;

/**
 * The worker runs but does not have the requested model. Not retryable on the same worker: an
 * operator must pull (Ollama) or serve (OpenAI-compatible server) the model first.
 */
public class LlmModelNotFoundException extends LlmException {

    private final String model;

    public LlmModelNotFoundException(String endpoint, LlmApi api, String model, String serverMessage) {
        super(endpoint, LlmFailureKind.MODEL_MISSING, ErrorBodies.excerpt(serverMessage),
                describe(endpoint, api, model, serverMessage), null);
        this.model = model;
    }

    private static String describe(String endpoint, LlmApi api, String model, String serverMessage) {
        String remedy = api == LlmApi.OLLAMA
                ? "it must be pulled first: `ollama pull " + model + "`"
                : "the server must be started with it (check the model name)";
        return "model '" + model + "' not found at " + endpoint + ": " + remedy
                + " (server said: " + serverMessage + ")";
    }

    /** The model that is missing. */
    public String model() {
        return model;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
