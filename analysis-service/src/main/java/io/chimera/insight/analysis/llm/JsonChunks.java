package io.chimera.insight.analysis.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.insight.events.LlmFailureKind;

import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON helpers for streamed chunks: strict parsing with failures that name the URL, nullable reads. */
final class JsonChunks {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonChunks() {
    }

    /** Parses one chunk; an unreadable chunk is a failed call (the worker sent garbage). */
    static JsonNode parse(String text, String endpoint) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new LlmCallFailedException(endpoint, LlmFailureKind.UNPARSEABLE, 200, ErrorBodies.excerpt(text),
                    "unreadable chunk from " + endpoint + ": " + ErrorBodies.truncate(text), e);
        }
    }

    /** Throws when the chunk is an {@code {"error":…}} object sent after HTTP 200. */
    static void failOnError(JsonNode chunk, String endpoint) {
        if (chunk.hasNonNull("error")) {
            String message = ErrorBodies.message(chunk).orElse(chunk.toString());
            throw new LlmCallFailedException(endpoint, LlmFailureKind.STREAM_ERROR, 200, ErrorBodies.excerpt(message),
                    "worker at " + endpoint + " reported an error mid-stream: " + message, null);
        }
    }

    static Long longOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.asLong() : null;
    }

    static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    static String write(JsonNode body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
