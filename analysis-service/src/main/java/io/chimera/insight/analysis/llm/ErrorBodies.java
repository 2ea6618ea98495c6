package io.chimera.insight.analysis.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

/** Extracts the human-readable message from the error bodies workers send, and cuts the worker's words short. */
final class ErrorBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_RAW_CHARS = 300;
    private static final int MAX_EXCERPT_CHARS = 200;

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

    /**
     * The worker's words as a report may quote them: stripped, control characters escaped
     * ({@code \n}, {@code \t}, {@code \\u001b}), at most {@value #MAX_EXCERPT_CHARS} characters
     * then "…".
     */
    static String excerpt(String text) {
        String stripped = text == null ? "" : text.strip();
        StringBuilder out = new StringBuilder(Math.min(stripped.length(), MAX_EXCERPT_CHARS) + 8);
        int next = 0;
        while (next < stripped.length() && out.length() < MAX_EXCERPT_CHARS) {
            char c = stripped.charAt(next++);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return next < stripped.length() ? out + "…" : out.toString();
    }

    static String truncate(String text) {
        return text.length() <= MAX_RAW_CHARS ? text : text.substring(0, MAX_RAW_CHARS) + "…";
    }
}
