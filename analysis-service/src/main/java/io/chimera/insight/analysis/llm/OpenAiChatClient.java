package io.chimera.insight.analysis.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.OkHttpClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Client of an OpenAI-compatible chat API (vLLM, llama.cpp server, Ollama's {@code /v1}):
 * {@code POST {base}/v1/chat/completions} with {@code stream:true} and
 * {@code stream_options.include_usage:true}; the answer arrives as server-sent events, read line by
 * line until {@code data: [DONE]}.
 *
 * <p>Structured output is requested as {@code response_format: {type: json_schema, json_schema:
 * {name, strict, schema}}} unless the client was built without it, for servers that reject the
 * field. Options: {@code temperature}, {@code top_p} and {@code seed} pass through,
 * {@code num_predict} becomes {@code max_tokens} (when positive); Ollama-only options
 * ({@code num_ctx}, {@code top_k}, {@code repeat_penalty}, {@code num_gpu}) and {@code keep_alive}
 * are dropped because strict servers reject unknown fields.
 *
 * <p>Figures: server durations are {@code null} (the API has none); token counts come from the
 * usage chunk; tokens/s is derived, see {@link OpenAiStreamDecoder#toResponse}.
 */
public final class OpenAiChatClient extends StreamingChatClient {

    /** The model listing, used as health and model-presence probe. */
    public static final String MODELS_PATH = "/v1/models";
    public static final String PATH = "/v1/chat/completions";
    static final String SCHEMA_NAME = "response";

    private final boolean structuredOutput;

    public OpenAiChatClient(String baseUrl) {
        this(baseUrl, LlmClientSettings.defaults());
    }

    public OpenAiChatClient(String baseUrl, LlmClientSettings settings) {
        this(baseUrl, settings, SharedHttpClient.INSTANCE, true);
    }

    /**
     * @param http             the client whose connection pool and dispatcher to share
     * @param structuredOutput whether to send {@code response_format} when the request has a schema
     */
    public OpenAiChatClient(String baseUrl, LlmClientSettings settings, OkHttpClient http, boolean structuredOutput) {
        super(baseUrl, PATH, settings, http);
        this.structuredOutput = structuredOutput;
    }

    @Override
    public LlmApi api() {
        return LlmApi.OPENAI;
    }

    @Override
    String requestBody(LlmRequest request) {
        ObjectNode body = streamingChatBody(request);
        body.putObject("stream_options").put("include_usage", true);
        if (structuredOutput && request.format() != null) {
            ObjectNode jsonSchema = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
            jsonSchema.put("name", SCHEMA_NAME);
            jsonSchema.put("strict", true);
            jsonSchema.set("schema", request.format());
        }
        copyOptions(request.options(), body);
        return JsonChunks.write(body);
    }

    private static void copyOptions(Map<String, Object> options, ObjectNode body) {
        copy(options, LlmOptions.TEMPERATURE, "temperature", body);
        copy(options, LlmOptions.TOP_P, "top_p", body);
        copy(options, LlmOptions.SEED, "seed", body);
        Object numPredict = options.get(LlmOptions.NUM_PREDICT);
        // Ollama's -1/-2 mean "unlimited"/"fill context"; OpenAI has no such value, so omit the field.
        if (numPredict instanceof Number n && n.longValue() > 0) {
            body.put("max_tokens", n.longValue());
        }
    }

    private static void copy(Map<String, Object> options, String option, String field, ObjectNode body) {
        Object value = options.get(option);
        if (value != null) {
            body.set(field, JsonChunks.MAPPER.valueToTree(value));
        }
    }

    @Override
    StreamDecoder newDecoder(LlmRequest request) {
        return new OpenAiStreamDecoder(endpoint(), request.model());
    }

    @Override
    String modelsPath() {
        return MODELS_PATH;
    }

    @Override
    List<String> modelNames(JsonNode listing) {
        List<String> names = new ArrayList<>();
        for (JsonNode model : listing.path("data")) {
            names.add(model.path("id").asText(""));
        }
        return names;
    }
}
