package io.chimera.insight.platform.service;

/**
 * A service of the pipeline as a small object: the CLI and the environment carry brokers,
 * registry and topics; the service only starts its clients and stops them. The same object runs
 * alone against a real cluster or beside the others in one JVM in local mode.
 */
public interface ChimeraService extends AutoCloseable {

    /** A short name for logs and health checks ("ingest", "aggregate", "analyze", "report"). */
    String name();

    /** Starts the service's clients and threads; returns once it is running. */
    void start();

    /** Whether its Kafka clients or Streams are running; what {@code /health} reports. */
    boolean isRunning();

    /**
     * What {@code /health} reports: DOWN when not {@linkplain #isRunning running}, else UP; a service
     * whose work can keep failing while it runs (retried with backoff) says DEGRADED meanwhile.
     */
    default ServiceHealth health() {
        return ServiceHealth.running(isRunning());
    }

    /** Stops the service, committing what it has done; never throws. */
    @Override
    void close();
}
