package io.chimera.insight.localstack.registry;

import com.sun.net.httpserver.HttpServer;
import io.chimera.insight.platform.concurrent.DaemonThreads;
import io.chimera.insight.schemas.registry.HttpSchemaRegistryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A schema registry speaking the Confluent REST API (the subset Avro serdes and operators use),
 * stored in a compacted Kafka topic. Local mode embeds it on loopback beside its broker;
 * {@code chimera registry} serves it alone against a real cluster. Confluent's registry is not on Maven Central and
 * needs its own process; this one lets {@code chimera up/run} and integration tests use real
 * registry semantics — global ids, per-subject versions, compatibility levels, 409 on a breaking
 * change — inside one JVM, with ids that survive a restart on the same broker data.
 *
 * <p>Avro only; no schema references, deletes or modes. Thread-safe. One instance per topic: the
 * state is read from the topic at start and then kept in memory, so a second registry writing the
 * same topic would not see the first one's writes until it restarts. Read-only by default to all
 * but the process that started it ({@link RegistryAccess#ownerWrites()}): {@link #client()} is the
 * client that may write; any other client reads.
 *
 * <pre>{@code
 * try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers())) {
 *     SchemaRegistry client = registry.client();
 * }
 * }</pre>
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    /** The topic holding schemas and compatibility settings, Confluent's default name. */
    public static final String TOPIC = "_schemas";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final SchemaLog log;
    private final HttpServer server;
    private final ExecutorService executor;
    private final RegistryAccess access;
    private boolean closed;

    private EmbeddedSchemaRegistry(SchemaLog log, HttpServer server, ExecutorService executor, RegistryAccess access) {
        this.log = log;
        this.server = server;
        this.executor = executor;
        this.access = access;
    }

    /**
     * Starts a registry on a random free port, storing into {@link #TOPIC} on the given cluster,
     * writable by {@link #client()} only.
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers) {
        return start(bootstrapServers, 0, RegistryAccess.ownerWrites());
    }

    /**
     * Creates the topic if needed, reads it to the end, then serves on {@code port} (0 = any free port)
     * to the clients {@code access} lets in. Returns once the registry answers requests.
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port, RegistryAccess access) {
        return start(RegistryStorage.singleBroker(bootstrapServers),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), access);
    }

    /**
     * Creates the topic in {@code storage} if needed, reads it to the end, then serves on
     * {@code listen} (port 0 = any free port) to the clients {@code access} lets in. Returns once the
     * registry answers requests.
     */
    public static EmbeddedSchemaRegistry start(RegistryStorage storage, InetSocketAddress listen, RegistryAccess access) {
        long started = System.nanoTime();
        SchemaLog log = new SchemaLog(storage, TOPIC);
        ExecutorService executor = null;
        try {
            log.ensureTopic();
            RegistryService service = new RegistryService(log);
            service.load();
            executor = Executors.newFixedThreadPool(4, DaemonThreads.named("schema-registry"));
            HttpServer server = HttpServer.create(listen, 64);
            server.setExecutor(executor);
            server.createContext("/", new RegistryHttpHandler(service, access));
            server.start();
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(log, server, executor, access);
            LOG.info("Schema registry at {} in {} ms ({} subjects; {})", registry.url(),
                    (System.nanoTime() - started) / 1_000_000, service.subjects().size(), access);
            return registry;
        } catch (IOException e) {
            cleanUp(log, executor);
            throw new UncheckedIOException("cannot bind the schema registry to " + listen, e);
        } catch (RuntimeException e) {
            cleanUp(log, executor);
            throw e;
        }
    }

    /**
     * {@code http://ADDRESS:PORT} of the address it listens on ({@code 127.0.0.1} when that is every
     * interface), for registry clients.
     */
    public String url() {
        InetAddress address = server.getAddress().getAddress();
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    /** Who may use it. */
    public RegistryAccess access() {
        return access;
    }

    /** A client holding the registry's credential, if it has one: it may read and write. */
    public HttpSchemaRegistryClient client() {
        return access.client(url());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving and releases the port, threads and Kafka clients. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        cleanUp(log, executor);
    }

    private static void cleanUp(SchemaLog log, ExecutorService executor) {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.close();
    }

}
