package io.chimera.insight.platform.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.chimera.insight.platform.concurrent.DaemonThreads;
import io.chimera.insight.platform.service.ServiceHealth.State;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} (Prometheus text) and {@code GET /health} (503 while a check is DOWN, 200 when
 * every check is UP or DEGRADED: a degraded service runs and retries, and restarting it would not
 * bring back what it waits for) on the JDK's own HTTP server: no framework for two endpoints. Every
 * other path goes to the handler {@link #mount}ed, if any (the report service's web console), so a
 * process serves one port.
 */
public final class OpsHttpServer implements AutoCloseable {

    /** The content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;
    /** What answers the paths other than /metrics and /health; null: 404. */
    private final AtomicReference<HttpHandler> mounted;

    private OpsHttpServer(HttpServer server, ExecutorService executor, String host,
                          AtomicReference<HttpHandler> mounted) {
        this.server = server;
        this.executor = executor;
        this.host = host;
        this.mounted = mounted;
    }

    /**
     * Starts serving.
     *
     * @param host   the address to bind: {@code 0.0.0.0} for a service (probes and Prometheus come from
     *               outside its container), {@code 127.0.0.1} for local mode
     * @param port   the port; 0 picks a free one (see {@link #port()})
     * @param scrape the metrics text, produced on each request
     * @throws IOException when the port cannot be bound
     */
    public static OpsHttpServer start(String host, int port, Supplier<String> scrape, Health health)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        // Four threads: a browser on the console asks for a page, its stylesheet, script and charts at once.
        ExecutorService executor = Executors.newFixedThreadPool(4, DaemonThreads.named("chimera-ops-http"));
        server.setExecutor(executor);
        AtomicReference<HttpHandler> mounted = new AtomicReference<>();
        server.createContext("/", exchange -> {
            HttpHandler other = mounted.get();
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics" -> answer(exchange, 200, PROMETHEUS_TEXT, scrape);
                case "/health" -> answer(exchange, health.state() == State.DOWN ? 503 : 200, "application/json", health::json);
                default -> {
                    if (other != null) {
                        other.handle(exchange);
                    } else {
                        answer(exchange, 404, "text/plain; charset=utf-8", () -> "not found: try /metrics or /health\n");
                    }
                }
            }
        });
        server.start();
        return new OpsHttpServer(server, executor, host, mounted);
    }

    /** Starts serving {@code registry} and {@code health}. */
    public static OpsHttpServer start(String host, int port, OpsRegistry registry, Health health) throws IOException {
        return start(host, port, registry::scrape, health);
    }

    private static void answer(HttpExchange exchange, int status, String contentType, Supplier<String> body)
            throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * Serves every path other than /metrics and /health with {@code handler} from now on; one handler
     * per server.
     *
     * @throws IllegalStateException when a handler is mounted already
     */
    public void mount(HttpHandler handler) {
        if (!mounted.compareAndSet(null, Objects.requireNonNull(handler, "handler"))) {
            throw new IllegalStateException("a handler is mounted on " + baseUri() + " already");
        }
    }

    /** The port bound (useful after asking for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://<host>:<port>}, with 127.0.0.1 for a wildcard bind. */
    public URI baseUri() {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create("http://" + shown + ":" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
