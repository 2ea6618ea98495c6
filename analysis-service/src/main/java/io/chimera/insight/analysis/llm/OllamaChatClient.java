package io.chimera.insight.analysis.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.OkHttpClient;

import java.util.ArrayList;
import java.util.List;

/**
 * Client of Ollama's native chat API: {@code POST {base}/api/chat} with {@code stream:true}; the
 * answer arrives as NDJSON and is read line by line. Structured output goes in {@code format} (a
 * JSON schema), generation options in {@code options}, and {@code keep_alive} is passed through.
 *
 * <p>Figures: TTFT and wall time are measured here; durations, token counts and
 * {@code done_reason} come from the final chunk; tokens/s is {@code eval_count ÷ eval_duration}.
 */
public final class OllamaChatClient extends StreamingChatClient {

    /** The model listing, used as health and model-presence probe. */
    public static final String MODELS_PATH = "/api/tags";
    public static final String PATH = "/api/chat";

    public OllamaChatClient(String baseUrl) {
        this(baseUrl, LlmClientSettings.defaults());
    }

    public OllamaChatClient(String baseUrl, LlmClientSettings settings) {
        this(baseUrl, settings, SharedHttpClient.INSTANCE);
    }

    /** @param http the client whose connection pool and dispatcher to share; timeouts come from settings */
    public OllamaChatClient(String baseUrl, LlmClientSettings settings, OkHttpClient http) {
        super(baseUrl, PATH, settings, http);
    }

    @Override
    public LlmApi api() {
        return LlmApi.OLLAMA;
    }

    @Override
    String requestBody(LlmRequest request) {
        ObjectNode body = streamingChatBody(request);
        if (request.format() != null) {
            body.set("format", request.format());
        }
        if (!request.options().isEmpty()) {
            body.set("options", JsonChunks.MAPPER.valueToTree(request.options()));
        }
        if (request.keepAlive() != null) {
            body.put("keep_alive", request.keepAlive());
        }
        return JsonChunks.write(body);
    }

    @Override
    StreamDecoder newDecoder(LlmRequest request) {
        return new OllamaStreamDecoder(endpoint(), request.model());
    }

    @Override
    String modelsPath() {
        return MODELS_PATH;
    }

    @Override
    List<String> modelNames(JsonNode listing) {
        List<String> names = new ArrayList<>();
        for (JsonNode model : listing.path("models")) {
            String name = JsonChunks.textOrNull(model, "name");
            names.add(name != null ? name : model.path("model").asText(""));
        }
        return names;
    }
}
