package io.chimera.insight.platform.ops;

import com.sun.net.httpserver.HttpHandler;
import io.chimera.insight.platform.service.ChimeraService;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops side of a process in one object: its meter registry, its health, and the HTTP server
 * serving {@code /metrics} and {@code /health}. A service run alone has one
 * ({@link #forService}); local mode has one for all its services ({@link #local}).
 */
public final class OpsEndpoint implements AutoCloseable {

    /** The port of a service's endpoint unless told otherwise (deploy/METRICS.md). */
    public static final int DEFAULT_PORT = 8080;

    private static final Logger log = LoggerFactory.getLogger(OpsEndpoint.class);

    private final OpsRegistry registry;
    private final Health health = new Health();
    private final OpsHttpServer server;
    private final List<KafkaMeters.Binding> bindings = new CopyOnWriteArrayList<>();

    private OpsEndpoint(OpsRegistry registry, String host, int port) throws IOException {
        this.registry = registry;
        try {
            this.server = OpsHttpServer.start(host, port, registry, health);
        } catch (IOException e) {
            registry.close();
            throw new IOException("cannot serve /metrics and /health on " + host + ":" + port + ": " + e.getMessage(),
                    e);
        }
        log.info("serving /metrics and /health on {}:{}", host, server.port());
    }

    /** Every interface: where a container with a network of its own is reached by probes and Prometheus. */
    public static final String ALL_INTERFACES = "0.0.0.0";

    /** This machine only: where a stand-alone service binds unless told otherwise, and local mode always. */
    public static final String LOOPBACK = "127.0.0.1";

    /**
     * The endpoint of a process running one service: every meter is labelled with it, and it listens on
     * all interfaces, where probes and Prometheus reach it from outside the container.
     *
     * @param port 0 picks a free port
     */
    public static OpsEndpoint forService(String service, int port) throws IOException {
        return forService(service, ALL_INTERFACES, port);
    }

    /**
     * As {@link #forService(String, int)}, on {@code host} only: {@code 127.0.0.1} where every
     * container shares the host's network and nothing outside the machine may reach it.
     */
    public static OpsEndpoint forService(String service, String host, int port) throws IOException {
        return new OpsEndpoint(OpsRegistry.forService(service), host, port);
    }

    /** The endpoint of local mode: all services of the process, on the loopback interface only. */
    public static OpsEndpoint local(int port) throws IOException {
        return new OpsEndpoint(OpsRegistry.shared(), LOOPBACK, port);
    }

    public OpsRegistry registry() {
        return registry;
    }

    public Health health() {
        return health;
    }

    /** The pipeline meters of {@code service}. */
    public PipelineMetrics pipeline(String service) {
        return registry.pipeline(service);
    }

    /** Reports {@code service} in {@code /health}: up while its clients or Streams run. */
    public OpsEndpoint watch(ChimeraService service) {
        health.add(HealthCheck.of(service));
        return this;
    }

    /** Binds a Streams app's client metrics under {@code service}, until this endpoint closes. */
    public void bind(String service, KafkaStreams streams) {
        bindings.add(KafkaMeters.bind(pipeline(service), streams));
    }

    public int port() {
        return server.port();
    }

    /** Where {@code /metrics} answers, e.g. {@code http://127.0.0.1:8080/metrics}. */
    public URI metricsUri() {
        return server.baseUri().resolve("/metrics");
    }

    /**
     * Serves every path but /metrics and /health with {@code handler} (the report service's console),
     * on this endpoint's address and port.
     */
    public void mount(HttpHandler handler) {
        server.mount(handler);
    }

    /** Where {@code path} answers on this endpoint, e.g. {@code http://127.0.0.1:8080/} for {@code /}. */
    public URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    /** Where {@code /health} answers. */
    public URI healthUri() {
        return server.baseUri().resolve("/health");
    }

    @Override
    public void close() {
        server.close();
        bindings.forEach(KafkaMeters.Binding::close);
        registry.close();
    }
}
