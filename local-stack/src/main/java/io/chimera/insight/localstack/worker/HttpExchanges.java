package io.chimera.insight.localstack.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers over the JDK HTTP server's exchange, for whole (non-streamed) responses. */
final class HttpExchanges {

    static final String JSON = "application/json; charset=utf-8";

    private HttpExchanges() {
    }

    /** Reads the whole body, as it came. */
    static byte[] readBytes(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    /** A body read by {@link #readBytes}, parsed; an empty one becomes a missing node. Throws on malformed JSON. */
    static JsonNode parseJson(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return Json.MAPPER.missingNode();
        }
        return Json.MAPPER.readTree(bytes);
    }

    static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, JSON, Json.write(body));
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
