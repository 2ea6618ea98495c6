package io.chimera.insight.localstack.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A single-node Kafka cluster (KRaft broker and controller in one server) running inside this JVM,
 * built from the plain Maven Central Kafka artifacts. It exists so {@code chimera up/run} work on
 * a laptop without Docker and so integration tests run against a real broker — transactions,
 * compaction, consumer groups and all — instead of mocks.
 *
 * <p>Ports are random free loopback ports unless given. The data directory is a temporary one
 * deleted on {@link #close()} unless given, in which case it is kept and reused: storage is
 * formatted only when it holds no {@code meta.properties}, so a restart on the same directory
 * finds its topics and offsets again. {@link #stop()} then {@link #start()} restarts the same
 * instance on the same ports and data. While running, Kafka's fatal-error exits are reported as a
 * fatal error of the process ({@code platform.service.FatalErrors}: the CLI exits with its own code
 * and message, a test JVM only logs) and throw {@link KafkaFatalError} instead of ending the JVM.
 *
 * <p>Topics are never auto-created ({@code auto.create.topics.enable=false}): the platform creates
 * its topics explicitly, and a forgotten one should fail loudly here as it would on a real cluster.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().build().start()) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int START_ATTEMPTS = 3;

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final boolean randomBrokerPort;
    private final boolean randomControllerPort;
    private final int partitions;
    private final Map<String, String> overrides;
    private int brokerPort;
    private int controllerPort;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(Builder builder) {
        this.ownsDataDir = builder.dataDir == null;
        this.dataDir = ownsDataDir ? createTempDir() : builder.dataDir.toAbsolutePath();
        this.brokerPort = builder.brokerPort;
        this.controllerPort = builder.controllerPort;
        this.randomBrokerPort = builder.brokerPort == 0;
        this.randomControllerPort = builder.controllerPort == 0;
        this.partitions = builder.partitions;
        this.overrides = Map.copyOf(builder.overrides);
    }

    /** A builder with the defaults: temporary data, random ports, one partition per topic. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats storage if needed and starts the server; returns when the broker accepts clients.
     * A stopped broker restarts on the ports and data it had. Returns {@code this}.
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (closed) {
            throw new IllegalStateException("broker is closed");
        }
        if (server != null) {
            return this;
        }
        long started = System.nanoTime();
        prepareStorage();
        KafkaExitGuard.acquire();
        try {
            server = startWithRetries();
        } catch (RuntimeException e) {
            KafkaExitGuard.release();
            throw e;
        }
        LOG.info("Embedded Kafka started at {} in {} ms (data in {})", bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000, dataDir);
        return this;
    }

    /** Shuts the server down and waits for it, keeping the data and the ports for a later {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            shutdown(server);
        } finally {
            server = null;
            KafkaExitGuard.release();
        }
        LOG.info("Embedded Kafka at 127.0.0.1:{} stopped", brokerPort);
    }

    /** Stops the broker and deletes the data directory if it was a temporary one. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        if (ownsDataDir) {
            Directories.deleteRecursively(dataDir);
        }
    }

    /** {@code 127.0.0.1:PORT}, for clients' {@code bootstrap.servers}. */
    public synchronized String bootstrapServers() {
        if (brokerPort == 0) {
            throw new IllegalStateException("broker not started");
        }
        return "127.0.0.1:" + brokerPort;
    }

    /** The broker's client port (0 before the first start when chosen randomly). */
    public synchronized int port() {
        return brokerPort;
    }

    /** The log directory holding all topic data and the metadata log. */
    public Path dataDir() {
        return dataDir;
    }

    /** The id this cluster was formatted with. */
    public String clusterId() {
        return KRaftStorage.clusterId(dataDir);
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    private void prepareStorage() {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + dataDir, e);
        }
        if (!KRaftStorage.isFormatted(dataDir)) {
            KRaftStorage.format(dataDir, BrokerConfig.NODE_ID, BrokerConfig.CONTROLLER_LISTENER);
        }
    }

    private KafkaRaftServer startWithRetries() {
        RuntimeException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            if (brokerPort == 0) {
                brokerPort = FreePorts.pick();
            }
            if (controllerPort == 0) {
                controllerPort = FreePorts.pick();
            }
            KafkaRaftServer candidate = new KafkaRaftServer(
                    new KafkaConfig(BrokerConfig.of(dataDir, brokerPort, controllerPort, partitions, overrides), false),
                    Time.SYSTEM);
            try {
                candidate.startup();
                return candidate;
            } catch (RuntimeException e) {
                lastFailure = e;
                shutdownQuietly(candidate);
                if (!(randomBrokerPort || randomControllerPort) || !isBindFailure(e)) {
                    throw e;
                }
                LOG.warn("Embedded Kafka could not bind its ports ({}), retrying with other random ones", e.getMessage());
                // Ports the caller fixed stay fixed; only the random ones are drawn again.
                brokerPort = randomBrokerPort ? 0 : brokerPort;
                controllerPort = randomControllerPort ? 0 : controllerPort;
            }
        }
        throw lastFailure;
    }

    private static boolean isBindFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException
                    || (cause.getMessage() != null && cause.getMessage().contains("failed to bind"))) {
                return true;
            }
        }
        return false;
    }

    private static void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            shutdown(server);
        } catch (RuntimeException e) {
            LOG.debug("cleanup after a failed start failed too", e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("chimera-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary Kafka data directory", e);
        }
    }

    /** Options of an {@link EmbeddedKafkaBroker}. */
    public static final class Builder {
        private Path dataDir;
        private int brokerPort;
        private int controllerPort;
        private int partitions = 1;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** Keep data in this directory (created if missing, never deleted); default: a temporary one. */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The client port; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.brokerPort = requirePort(port);
            return this;
        }

        /** The controller (KRaft quorum) port; 0 (default) picks a free one. */
        public Builder controllerPort(int port) {
            this.controllerPort = requirePort(port);
            return this;
        }

        /** Partitions of topics created without an explicit count ({@code num.partitions}); default 1. */
        public Builder partitions(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("partitions must be positive: " + count);
            }
            this.partitions = count;
            return this;
        }

        /** Any broker property, overriding the embedded defaults. */
        public Builder property(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }

        private static int requirePort(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            return port;
        }
    }
}
