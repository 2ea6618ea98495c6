package io.chimera.insight.localstack.worker;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;

/**
 * Ollama's native {@code /api/chat} and {@code /api/generate}: NDJSON lines of
 * {@code {"model","created_at","message"|"response","done":false}}, then a final line with
 * {@code done:true}, {@code done_reason} and the nanosecond metrics; with {@code "stream":false}
 * a single object carrying the whole text and the same metrics.
 */
final class OllamaEndpoint implements ModelEndpoint {

    static final String NDJSON = "application/x-ndjson";

    private final boolean chat;

    private OllamaEndpoint(boolean chat) {
        this.chat = chat;
    }

    static OllamaEndpoint chat() {
        return new OllamaEndpoint(true);
    }

    static OllamaEndpoint generate() {
        return new OllamaEndpoint(false);
    }

    @Override
    public Object errorBody(String message) {
        return Json.object().put("error", message);
    }

    @Override
    public GenerationSink openSink(HttpExchange exchange, JsonNode request, String model) {
        boolean streaming = request.path("stream").asBoolean(true);
        return new Sink(exchange, model, streaming);
    }

    private ObjectNode head(String model, String text) {
        ObjectNode node = Json.object();
        node.put("model", model);
        node.put("created_at", Instant.now().toString());
        if (chat) {
            node.putObject("message").put("role", "assistant").put("content", text);
        } else {
            node.put("response", text);
        }
        return node;
    }

    private ObjectNode last(String model, String text, GenerationStats stats) {
        ObjectNode node = head(model, text);
        node.put("done", true);
        node.put("done_reason", "stop");
        node.put("total_duration", stats.totalNs());
        node.put("load_duration", stats.loadNs());
        node.put("prompt_eval_count", stats.promptEvalCount());
        node.put("prompt_eval_duration", stats.promptEvalNs());
        node.put("eval_count", stats.evalCount());
        node.put("eval_duration", stats.evalNs());
        return node;
    }

    private final class Sink implements GenerationSink {
        private final HttpExchange exchange;
        private final String model;
        private final boolean streaming;
        private final StreamingBody body;
        private final StringBuilder full = new StringBuilder();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);

        Sink(HttpExchange exchange, String model, boolean streaming) {
            this.exchange = exchange;
            this.model = model;
            this.streaming = streaming;
            this.body = new StreamingBody(exchange, NDJSON);
        }

        @Override
        public void content(String piece) throws IOException {
            if (streaming) {
                body.write(contentLine(piece));
            } else {
                full.append(piece);
            }
        }

        /**
         * {@code head(model, piece)} with {@code "done":false} and a newline, written field by field
         * into one reused buffer: the same bytes as serialising the node, without a tree, a string
         * and its bytes per token. The simulator runs in the bench's JVM, so what it allocates per
         * token adds to the collections that pause the service being measured (JFR, bench step 9:
         * the simulated workers allocated a tenth of all, most of it in these lines).
         */
        private ByteArrayOutputStream contentLine(String piece) throws IOException {
            line.reset();
            try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(line)) {
                json.writeStartObject();
                json.writeStringField("model", model);
                json.writeStringField("created_at", Instant.now().toString());
                if (chat) {
                    json.writeObjectFieldStart("message");
                    json.writeStringField("role", "assistant");
                    json.writeStringField("content", piece);
                    json.writeEndObject();
                } else {
                    json.writeStringField("response", piece);
                }
                json.writeBooleanField("done", false);
                json.writeEndObject();
            }
            line.write('\n');
            return line;
        }

        @Override
        public void error(String message) throws IOException {
            if (streaming) {
                body.write(Json.write(errorBody(message)) + "\n");
            } else {
                HttpExchanges.sendJson(exchange, 500, errorBody(message));
            }
        }

        @Override
        public void garbage(String line) throws IOException {
            if (streaming) {
                body.write(line + "\n");
            } else {
                HttpExchanges.send(exchange, 200, NDJSON, line + "\n");
            }
        }

        @Override
        public void done(GenerationStats stats) throws IOException {
            if (streaming) {
                body.write(Json.write(last(model, "", stats)) + "\n");
            } else {
                HttpExchanges.sendJson(exchange, 200, last(model, full.toString(), stats));
            }
        }

        @Override
        public void flush() throws IOException {
            body.flush();
        }
    }
}
