package io.chimera.insight.localstack.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.time.Instant;
import java.util.Optional;

/**
 * One request the simulator served, kept so tests can assert on what a client really sent
 * (the prompt, the structured-output schema, the options) rather than on what it meant to send.
 *
 * @param method          HTTP method
 * @param path            request path, e.g. {@code /api/chat}
 * @param model           the {@code model} field of the body, or {@code null} when absent
 * @param body            the parsed JSON body ({@link NullNode} for bodiless requests)
 * @param receivedAt      when the request arrived: for a model call, once its body was read, before it was parsed
 * @param injectedFailure the failure the simulator chose for this call, or {@code null}
 */
public record RecordedRequest(String method, String path, String model, JsonNode body, Instant receivedAt,
                              FailureMode injectedFailure) {

    public RecordedRequest {
        body = body == null ? NullNode.getInstance() : body;
    }

    /** The failure injected into this call, if any. */
    public Optional<FailureMode> failure() {
        return Optional.ofNullable(injectedFailure);
    }

    /**
     * All prompt text the client sent: the contents of {@code messages[]} joined by newlines
     * (chat endpoints), or {@code system} and {@code prompt} (generate).
     */
    public String promptText() {
        StringBuilder text = new StringBuilder();
        for (JsonNode message : body.path("messages")) {
            appendLine(text, message.path("content").asText(""));
        }
        appendLine(text, body.path("system").asText(""));
        appendLine(text, body.path("prompt").asText(""));
        return text.toString();
    }

    /** The content of the last {@code user} message, or the {@code prompt} of a generate call; empty if none. */
    public String lastUserMessage() {
        String last = body.path("prompt").asText("");
        for (JsonNode message : body.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                last = message.path("content").asText("");
            }
        }
        return last;
    }

    /** The {@code format} field (a JSON schema or {@code "json"}), or a missing node. */
    public JsonNode format() {
        return body.path("format");
    }

    /** The {@code options} object (temperature, num_ctx, ...), or a missing node. */
    public JsonNode options() {
        return body.path("options");
    }

    private static void appendLine(StringBuilder text, String line) {
        if (line.isEmpty()) {
            return;
        }
        if (text.length() > 0) {
            text.append('\n');
        }
        text.append(line);
    }
}
