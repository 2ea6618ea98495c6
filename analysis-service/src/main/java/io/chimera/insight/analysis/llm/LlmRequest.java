package io.chimera.insight.analysis.llm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One chat call: a system and a user message, an optional JSON schema the answer must follow,
 * generation options and Ollama's keep-alive.
 *
 * @param model        model to run, e.g. {@code gemma3:latest}
 * @param systemPrompt system message; empty means none is sent
 * @param userPrompt   user message
 * @param format       JSON schema for structured output (Ollama {@code format}, OpenAI
 *                     {@code response_format}); {@code null} for free text
 * @param options      generation options keyed by {@link LlmOptions} names; values are numbers,
 *                     booleans or strings
 * @param keepAlive    Ollama {@code keep_alive} (e.g. {@code "5m"}); {@code null} for the server default
 */
public record LlmRequest(String model, String systemPrompt, String userPrompt, JsonNode format,
                         Map<String, Object> options, String keepAlive) {

    public LlmRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(userPrompt, "userPrompt");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        // JsonNode is mutable: copy so a caller editing its schema later cannot change a request in flight.
        format = format == null ? null : format.deepCopy();
        options = options == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
        options.values().forEach(value -> Objects.requireNonNull(value, "option values must not be null"));
    }

    /** A free-text request with no options. */
    public static LlmRequest of(String model, String systemPrompt, String userPrompt) {
        return new LlmRequest(model, systemPrompt, userPrompt, null, Map.of(), null);
    }

    public LlmRequest withFormat(JsonNode schema) {
        return new LlmRequest(model, systemPrompt, userPrompt, schema, options, keepAlive);
    }

    public LlmRequest withOptions(Map<String, Object> newOptions) {
        return new LlmRequest(model, systemPrompt, userPrompt, format, newOptions, keepAlive);
    }

    public LlmRequest withKeepAlive(String newKeepAlive) {
        return new LlmRequest(model, systemPrompt, userPrompt, format, options, newKeepAlive);
    }
}
