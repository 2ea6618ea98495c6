package io.chimera.insight.localstack.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chimera.insight.platform.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback that speaks Ollama's API (native NDJSON streaming and the
 * OpenAI-compatible SSE endpoint) without a GPU or a model. It exists so the LLM client, the GPU
 * worker pool and the end-to-end bench can be tested against the exact wire protocol, with
 * controllable latency (TTFT, tokens/s), single-GPU queueing and every failure a real worker
 * shows (HTTP 500/429, an error line mid-stream, a slow first token, a dropped connection, a
 * server that is down). It is a test and bench tool, never a model {@code chimera run} uses.
 *
 * <pre>{@code
 * try (OllamaSimulator ollama = new OllamaSimulator(new SimulatorSettings().ttftMs(50)).start()) {
 *     ollama.failures().failNext(FailureMode.HTTP_500, 1);
 *     client.chat(ollama.baseUrl(), ...);
 *     assertThat(ollama.requests()).hasSize(2);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Requests run on a pool of daemon threads, so they may overlap unless
 * {@link SimulatorSettings#maxConcurrent(int)} limits them.
 */
public final class OllamaSimulator implements AutoCloseable {

    static {
        // Streamed chunks must leave at once, as a real Ollama's do; the JDK server otherwise keeps
        // Nagle's algorithm on and small chunks wait for the client's delayed ACK (~40 ms). Read
        // once by the JDK when its HTTP server first starts, so it is set before any server exists.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(OllamaSimulator.class);
    private static final String NOT_FOUND_TEXT = "404 page not found";

    private final SimulatorSettings settings;
    private final FailurePlan failures = new FailurePlan();
    private final ConcurrencyGate gate;
    private final int requestedPort;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Map<String, AtomicInteger> callsByPath = new ConcurrentHashMap<>();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failuresInjected = new AtomicInteger();
    private final Map<String, ModelEndpoint> endpoints = Map.of(
            "/api/chat", OllamaEndpoint.chat(),
            "/api/generate", OllamaEndpoint.generate(),
            "/v1/chat/completions", new OpenAiEndpoint());

    private ExecutorService executor;
    private HttpServer server;
    private int port;
    private boolean closed;

    /** A simulator with default settings on a random free port. */
    public OllamaSimulator() {
        this(new SimulatorSettings());
    }

    /** A simulator with the given settings on a random free port. */
    public OllamaSimulator(SimulatorSettings settings) {
        this(0, settings);
    }

    /** A simulator on {@code port} (0 = any free port) with the given settings. */
    public OllamaSimulator(int port, SimulatorSettings settings) {
        this.requestedPort = port;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.gate = new ConcurrencyGate(settings::maxConcurrent);
    }

    /** Binds the port and starts serving; returns {@code this} for chaining. */
    public synchronized OllamaSimulator start() {
        if (closed) {
            throw new IllegalStateException("simulator is closed");
        }
        if (server != null) {
            return this;
        }
        if (executor == null) {
            executor = Executors.newCachedThreadPool(DaemonThreads.named("ollama-sim"));
        }
        bind(port == 0 ? requestedPort : port);
        LOG.debug("Ollama simulator listening on {}", baseUrl());
        return this;
    }

    /** {@code http://127.0.0.1:PORT}, the value a client uses as OLLAMA_HOST. */
    public synchronized String baseUrl() {
        if (port == 0) {
            throw new IllegalStateException("simulator not started");
        }
        return "http://127.0.0.1:" + port;
    }

    /** The bound port (stays the same across {@link #pause()} and {@link #resume()}). */
    public synchronized int port() {
        return port;
    }

    /**
     * Takes the server down: the port is closed, so connections are refused and open streams are
     * cut, like an Ollama process that died. {@link #resume()} brings it back on the same port.
     */
    public synchronized void pause() {
        if (server != null) {
            server.stop(0);
            server = null;
            LOG.debug("Ollama simulator paused on port {}", port);
        }
    }

    /** Rebinds the same port after {@link #pause()}. */
    public synchronized void resume() {
        if (closed) {
            throw new IllegalStateException("simulator is closed");
        }
        if (server == null) {
            bind(port);
            LOG.debug("Ollama simulator resumed on port {}", port);
        }
    }

    /** Whether the server is accepting connections. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The live settings; changes apply to calls that start afterwards. */
    public SimulatorSettings settings() {
        return settings;
    }

    /** The failure plan; scheduled and random failures apply to generating calls only. */
    public FailurePlan failures() {
        return failures;
    }

    /** Every request served so far, oldest first (a copy). */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The most recent request. */
    public RecordedRequest lastRequest() {
        synchronized (requests) {
            if (requests.isEmpty()) {
                throw new IllegalStateException("no request served yet");
            }
            return requests.get(requests.size() - 1);
        }
    }

    /** Forgets recorded requests and resets the counters. */
    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
            callsByPath.clear();
            completed.set(0);
            failuresInjected.set(0);
        }
    }

    /** Generating calls received ({@code /api/chat}, {@code /api/generate}, {@code /v1/chat/completions}). */
    public int callCount() {
        return endpoints.keySet().stream().mapToInt(this::callCount).sum();
    }

    /** Requests received on one path, whatever their outcome. */
    public int callCount(String path) {
        AtomicInteger count = callsByPath.get(path);
        return count == null ? 0 : count.get();
    }

    /** Generations that ran to their final {@code done} message. */
    public int completedCount() {
        return completed.get();
    }

    /** Calls that received an injected failure. */
    public int failureCount() {
        return failuresInjected.get();
    }

    /** Generations running right now (queued calls excluded). */
    public int activeGenerations() {
        return gate.active();
    }

    /** The highest number of generations that ran at once. */
    public int peakConcurrency() {
        return gate.peak();
    }

    /** Stops the server and its threads and releases the port. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pause();
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void bind(int onPort) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 256);
            created.setExecutor(executor);
            created.createContext("/", this::handle);
            created.start();
            server = created;
            port = created.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Ollama simulator to port " + onPort, e);
        }
    }

    private void handle(HttpExchange exchange) {
        boolean dropped = false;
        try {
            route(exchange);
        } catch (SimulatedDrop drop) {
            // Leave the exchange open: the server closes the socket without ending the chunked body.
            dropped = true;
            throw drop;
        } catch (IOException e) {
            LOG.debug("client went away during {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!dropped) {
                exchange.close();
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException, InterruptedException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        callsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        ModelEndpoint endpoint = endpoints.get(path);
        if (endpoint != null && method.equals("POST")) {
            serveModelCall(exchange, path, endpoint);
            return;
        }
        HttpExchanges.drain(exchange);
        record(method, path, null, null, null);
        if (!method.equals("GET")) {
            HttpExchanges.send(exchange, 404, "text/plain", NOT_FOUND_TEXT);
            return;
        }
        switch (path) {
            case "/" -> HttpExchanges.send(exchange, 200, "text/plain; charset=utf-8", "Ollama is running");
            case "/api/tags" -> HttpExchanges.sendJson(exchange, 200, ModelListings.tags(settings.models()));
            case "/api/version" -> HttpExchanges.sendJson(exchange, 200, ModelListings.version());
            case "/v1/models" -> HttpExchanges.sendJson(exchange, 200, ModelListings.openAiModels(settings.models()));
            default -> HttpExchanges.send(exchange, 404, "text/plain", NOT_FOUND_TEXT);
        }
    }

    private void serveModelCall(HttpExchange exchange, String path, ModelEndpoint endpoint)
            throws IOException, InterruptedException {
        // The call is received once its bytes are here: parsing them is the worker's own work, which a real
        // worker does in its own process (Ollama's Go server), outside the durations it reports (load, prompt).
        byte[] bytes = HttpExchanges.readBytes(exchange);
        Instant receivedAt = Instant.now();
        JsonNode body;
        try {
            body = HttpExchanges.parseJson(bytes);
        } catch (JsonProcessingException e) {
            record("POST", path, null, null, null, receivedAt);
            HttpExchanges.sendJson(exchange, 400, endpoint.errorBody("invalid request body: " + e.getOriginalMessage()));
            return;
        }
        String model = body.path("model").asText("");
        if (model.isEmpty()) {
            record("POST", path, null, body, null, receivedAt);
            HttpExchanges.sendJson(exchange, 400, endpoint.errorBody("model is required"));
            return;
        }
        if (!settings.hasModel(model)) {
            record("POST", path, model, body, null, receivedAt);
            HttpExchanges.sendJson(exchange, 404,
                    endpoint.errorBody("model '" + model + "' not found, try pulling it first"));
            return;
        }
        FailureMode failure = failures.next();
        if (failure != null) {
            failuresInjected.incrementAndGet();
        }
        RecordedRequest request = record("POST", path, model, body, failure, receivedAt);
        if (failure == FailureMode.HTTP_500) {
            HttpExchanges.sendJson(exchange, 500, endpoint.errorBody(settings.errorMessage()));
            return;
        }
        if (failure == FailureMode.HTML_ERROR) {
            HttpExchanges.send(exchange, 502, "text/html", "<html>\n<head><title>502 Bad Gateway</title></head>\n"
                    + "<body><center><h1>502 Bad Gateway</h1></center></body>\n</html>\n");
            return;
        }
        if (failure == FailureMode.CONNECTION_RESET) {
            throw new SimulatedDrop();
        }
        if (failure == FailureMode.HTTP_429) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(settings.retryAfterSeconds()));
            HttpExchanges.sendJson(exchange, 429, endpoint.errorBody("too many requests, retry later"));
            return;
        }
        gate.acquire();
        try {
            String text = settings.responder().apply(request);
            int promptTokens = TokenChunker.estimateTokens(request.promptText());
            new Generation(settings).run(text, promptTokens, failure, endpoint.openSink(exchange, body, model));
            if (failure != FailureMode.ERROR_MID_STREAM && failure != FailureMode.MALFORMED_LINE) {
                completed.incrementAndGet();
            }
        } finally {
            gate.release();
        }
    }

    private RecordedRequest record(String method, String path, String model, JsonNode body, FailureMode failure) {
        return record(method, path, model, body, failure, Instant.now());
    }

    private RecordedRequest record(String method, String path, String model, JsonNode body, FailureMode failure,
                                   Instant receivedAt) {
        RecordedRequest request = new RecordedRequest(method, path, model, body, receivedAt, failure);
        synchronized (requests) {
            requests.add(request);
        }
        return request;
    }

}
