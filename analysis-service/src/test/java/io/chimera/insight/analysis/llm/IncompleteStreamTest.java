package io.chimera.insight.analysis.llm;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A worker that ends its response cleanly but without the final chunk (a proxy cutting the body,
 * a crashed runner behind a gateway). The simulator always ends with done or an error line, so
 * this uses a minimal HTTP server that sends exactly such a body.
 */
class IncompleteStreamTest {

    private HttpServer server;
    private String baseUrl;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/chat", exchange -> respond(exchange,
                "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}\n"
                        + "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"lo\"},\"done\":false}\n"));
        server.createContext("/v1/chat/completions", exchange -> respond(exchange,
                ": keep-alive\n\nevent: message\ndata: {\"model\":\"m\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}]}\n\n"));
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void ollamaStreamWithoutDoneFailsTheCall() {
        LlmCallFailedException failure = catchThrowableOfType(LlmCallFailedException.class,
                () -> new OllamaChatClient(baseUrl).chat(LlmRequest.of("m", "", "hi")));

        assertThat(failure.getMessage())
                .contains(baseUrl + "/api/chat", "ended without its final chunk");
    }

    @Test
    void eventStreamWithoutDoneMarkerFailsTheCall() {
        LlmCallFailedException failure = catchThrowableOfType(LlmCallFailedException.class,
                () -> new OpenAiChatClient(baseUrl).chat(LlmRequest.of("m", "", "hi")));

        assertThat(failure.getMessage())
                .contains(baseUrl + "/v1/chat/completions", "ended without its final chunk");
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
