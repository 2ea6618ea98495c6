package io.chimera.insight.localstack.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ollama's OpenAI-compatible {@code /v1/chat/completions}: with {@code stream:true}, server-sent
 * events of {@code chat.completion.chunk} objects carrying {@code choices[0].delta.content}, a
 * chunk with {@code finish_reason}, a usage-only chunk (empty {@code choices}) when
 * {@code stream_options.include_usage} is set, and {@code data: [DONE]}; otherwise one
 * {@code chat.completion} object with {@code usage}.
 */
final class OpenAiEndpoint implements ModelEndpoint {

    static final String EVENT_STREAM = "text/event-stream";
    private static final AtomicLong IDS = new AtomicLong();

    @Override
    public Object errorBody(String message) {
        ObjectNode error = Json.object();
        error.putObject("error")
                .put("message", message)
                .put("type", "api_error")
                .putNull("param")
                .putNull("code");
        return error;
    }

    @Override
    public GenerationSink openSink(HttpExchange exchange, JsonNode request, String model) {
        boolean streaming = request.path("stream").asBoolean(false);
        boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
        return new Sink(exchange, model, streaming, includeUsage);
    }

    private final class Sink implements GenerationSink {
        private final HttpExchange exchange;
        private final String model;
        private final boolean streaming;
        private final boolean includeUsage;
        private final String id = "chatcmpl-" + IDS.incrementAndGet();
        private final long created = Instant.now().getEpochSecond();
        private final StreamingBody body;
        private final StringBuilder full = new StringBuilder();

        Sink(HttpExchange exchange, String model, boolean streaming, boolean includeUsage) {
            this.exchange = exchange;
            this.model = model;
            this.streaming = streaming;
            this.includeUsage = includeUsage;
            this.body = new StreamingBody(exchange, EVENT_STREAM);
        }

        @Override
        public void content(String piece) throws IOException {
            if (streaming) {
                event(chunk(piece, null));
            } else {
                full.append(piece);
            }
        }

        @Override
        public void error(String message) throws IOException {
            if (streaming) {
                event(Json.write(errorBody(message)));
            } else {
                HttpExchanges.sendJson(exchange, 500, errorBody(message));
            }
        }

        @Override
        public void garbage(String line) throws IOException {
            if (streaming) {
                event(line);
            } else {
                HttpExchanges.send(exchange, 200, "application/json", line);
            }
        }

        @Override
        public void done(GenerationStats stats) throws IOException {
            if (!streaming) {
                ObjectNode completion = envelope("chat.completion");
                ObjectNode choice = completion.putArray("choices").addObject();
                choice.put("index", 0);
                choice.putObject("message").put("role", "assistant").put("content", full.toString());
                choice.put("finish_reason", "stop");
                completion.set("usage", usage(stats));
                HttpExchanges.sendJson(exchange, 200, completion);
                return;
            }
            event(chunk("", "stop"));
            if (includeUsage) {
                ObjectNode last = envelope("chat.completion.chunk");
                last.putArray("choices");
                last.set("usage", usage(stats));
                event(Json.write(last));
            }
            body.write("data: [DONE]\n\n");
        }

        @Override
        public void flush() throws IOException {
            body.flush();
        }

        private String chunk(String content, String finishReason) {
            ObjectNode chunk = envelope("chat.completion.chunk");
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("delta").put("role", "assistant").put("content", content);
            if (finishReason == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finishReason);
            }
            return Json.write(chunk);
        }

        private ObjectNode envelope(String object) {
            ObjectNode node = Json.object();
            node.put("id", id);
            node.put("object", object);
            node.put("created", created);
            node.put("model", model);
            node.put("system_fingerprint", "fp_ollama");
            return node;
        }

        private ObjectNode usage(GenerationStats stats) {
            return Json.object()
                    .put("prompt_tokens", stats.promptEvalCount())
                    .put("completion_tokens", stats.evalCount())
                    .put("total_tokens", stats.promptEvalCount() + stats.evalCount());
        }

        private void event(String data) throws IOException {
            body.write("data: " + data + "\n\n");
        }
    }
}
