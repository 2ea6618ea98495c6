package io.chimera.insight.localstack.worker;

import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A chunked HTTP 200 body written piece by piece. Headers go out with the first piece, as Ollama's
 * Go server does, so a client that times the response headers sees the same first-token latency.
 * Every piece is flushed at once: a simulator that buffered would hide streaming bugs.
 */
final class StreamingBody {

    private final HttpExchange exchange;
    private final String contentType;
    private OutputStream out;

    StreamingBody(HttpExchange exchange, String contentType) {
        this.exchange = exchange;
        this.contentType = contentType;
    }

    void write(String text) throws IOException {
        start();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Writes what {@code piece} holds, as one flushed piece. */
    void write(ByteArrayOutputStream piece) throws IOException {
        start();
        piece.writeTo(out);
        out.flush();
    }

    private void start() throws IOException {
        if (out == null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, 0);
            out = exchange.getResponseBody();
        }
    }

    void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    boolean started() {
        return out != null;
    }
}
