package io.chimera.insight.analysis.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

/** Extracts the human-readable message from the error bodies workers send. */
final class ErrorBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_RAW_CHARS = 300;

    private ErrorBodies() {
    }

    /**
     * Reads Ollama's {@code {"error":"…"}}, OpenAI's {@code {"error":{"message":"…"}}} and vLLM's
     * {@code {"message":"…"}}; anything else is returned as (truncated) raw text.
     */
    static String message(String body) {
        String trimmed = body == null ? "" : body.strip();
        if (trimmed.isEmpty()) {
            return "(empty body)";
        }
        try {
            return message(MAPPER.readTree(trimmed)).orElse(truncate(trimmed));
        } catch (IOException notJson) {
            return truncate(trimmed);
        }
    }

    /** The message of a parsed error object, when it carries one. */
    static Optional<String> message(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        JsonNode error = node.get("error");
        if (error != null && error.isTextual()) {
            return Optional.of(error.asText());
        }
        if (error != null && error.isObject() && error.path("message").isTextual()) {
            return Optional.of(error.path("message").asText());
        }
        if (error != null && !error.isNull()) {
            return Optional.of(truncate(error.toString()));
        }
        if (node.path("message").isTextual()) {
            return Optional.of(node.path("message").asText());
        }
        return Optional.empty();
    }

    static String truncate(String text) {
        return text.length() <= MAX_RAW_CHARS ? text : text.substring(0, MAX_RAW_CHARS) + "…";
    }
}
