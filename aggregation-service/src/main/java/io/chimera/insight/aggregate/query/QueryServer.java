package io.chimera.insight.aggregate.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chimera.insight.platform.concurrent.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import io.chimera.insight.aggregate.statistics.ColdStartRule;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API's HTTP server (JDK {@code HttpServer}). Two steps, because the advertised address
 * must be in the Streams configuration before Streams exists:
 *
 * <pre>
 * QueryServer server = QueryServer.bind(new InetSocketAddress(8085), "aggregate-0.aggregate");
 * props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.applicationServer());
 * KafkaStreams streams = new KafkaStreams(topology, props);
 * streams.start();
 * server.start(streams, settings.coldStart());
 * </pre>
 *
 * Port 0 binds a free port, which {@link #advertised()} then reports. The Streams instance must
 * run with {@code application.server} equal to {@link #applicationServer()}: it is how other
 * instances find this one, and how this one recognises the models it owns.
 */
public final class QueryServer implements AutoCloseable {

    /** The port of the query API unless told otherwise, beside the ops endpoint's 8080. */
    public static final int DEFAULT_PORT = 8081;

    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    private static final int THREADS = 4;

    private final HttpServer http;
    private final HostInfo advertised;
    private final ExecutorService executor;
    private volatile ModelQueries queries;

    private QueryServer(HttpServer http, HostInfo advertised) {
        this.http = http;
        this.advertised = advertised;
        this.executor = Executors.newFixedThreadPool(THREADS, DaemonThreads.named("query-http"));
    }

    /**
     * Binds the port (not serving yet).
     *
     * @param address        where to listen; port 0 for any free port
     * @param advertisedHost the host name other instances reach this one by
     */
    public static QueryServer bind(InetSocketAddress address, String advertisedHost) throws IOException {
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        HttpServer http = HttpServer.create(address, 0);
        return new QueryServer(http, new HostInfo(advertisedHost, http.getAddress().getPort()));
    }

    /** The advertised host and the bound port. */
    public HostInfo advertised() {
        return advertised;
    }

    /** {@code host:port}, the value for {@code application.server}. */
    public String applicationServer() {
        return advertised.host() + ":" + advertised.port();
    }

    /**
     * Starts serving queries over {@code streams}, whose {@code application.server} is
     * {@link #applicationServer()}, splitting cold and warm runs by {@code coldStart}: the rule the
     * topology applies, so that a query answers what the topology emits.
     */
    public synchronized void start(KafkaStreams streams, ColdStartRule coldStart) {
        if (queries != null) {
            throw new IllegalStateException("already started");
        }
        queries = new ModelQueries(new AggregateQueries(streams, coldStart), advertised, new PeerClient());
        http.createContext("/", this::handle);
        http.setExecutor(executor);
        http.start();
        LOG.info("Query API listening on {} (advertised as {})", http.getAddress(), applicationServer());
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            QueryResponse response;
            try {
                response = route(exchange);
            } catch (PeerClient.PeerUnavailableException e) {
                response = QueryResponse.error(502, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Query {} failed", exchange.getRequestURI(), e);
                response = QueryResponse.error(500, "query failed: " + e);
            }
            send(exchange, response);
        }
    }

    private QueryResponse route(HttpExchange exchange) throws PeerClient.PeerUnavailableException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            return QueryResponse.error(405, "only GET is supported");
        }
        List<String> path;
        try {
            path = PathSegments.decode(exchange.getRequestURI().getRawPath());
        } catch (IllegalArgumentException e) {
            return QueryResponse.error(400, "malformed path: " + e.getMessage());
        }
        boolean forwarded = exchange.getRequestHeaders().containsKey(ModelQueries.FORWARDED_HEADER);
        if (path.isEmpty() || !path.get(0).equals("models")) {
            return notFound();
        }
        return switch (path.size()) {
            case 1 -> queries.models(forwarded);
            case 2 -> queries.model(path.get(1), forwarded);
            case 3 -> switch (path.get(2)) {
                case "configs" -> queries.configs(path.get(1), forwarded);
                case "changes" -> queries.changes(path.get(1), forwarded);
                default -> notFound();
            };
            default -> notFound();
        };
    }

    private static QueryResponse notFound() {
        return QueryResponse.error(404, "no such resource; try /models, /models/{model}, /models/{model}/configs, "
                + "/models/{model}/changes "
                + "(a model name with '/' is sent as %2F)");
    }

    private static void send(HttpExchange exchange, QueryResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(response.body());
        }
    }
}
