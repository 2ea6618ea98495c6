package io.chimera.insight.aggregate.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An HTTP answer: a status and a JSON body (built here, or relayed as received from another instance).
 *
 * @param status HTTP status code
 * @param body   UTF-8 JSON
 */
record QueryResponse(int status, byte[] body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    QueryResponse {
        Objects.requireNonNull(body, "body");
    }

    static QueryResponse ok(JsonNode json) {
        return json(200, json);
    }

    /** {@code {"error": message}}. */
    static QueryResponse error(int status, String message) {
        return json(status, MAPPER.createObjectNode().put("error", message));
    }

    private static QueryResponse json(int status, JsonNode json) {
        try {
            return new QueryResponse(status, MAPPER.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; this would be a bug here, not bad input.
            throw new IllegalStateException("cannot serialise " + json, e);
        }
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
