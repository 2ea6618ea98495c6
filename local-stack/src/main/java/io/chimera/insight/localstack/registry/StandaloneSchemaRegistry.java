package io.chimera.insight.localstack.registry;

import io.chimera.insight.platform.service.ChimeraService;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The registry as a service of its own ({@code chimera registry}): the same Confluent-API registry
 * local mode embeds, against a real cluster, so a deployment that cannot have Confluent's registry
 * runs this one. {@code /health} is UP while it serves.
 */
public final class StandaloneSchemaRegistry implements ChimeraService {

    private final RegistryStorage storage;
    private final InetSocketAddress listen;
    private final RegistryAccess access;
    private volatile EmbeddedSchemaRegistry registry;
    private volatile boolean closed;

    public StandaloneSchemaRegistry(RegistryStorage storage, InetSocketAddress listen, RegistryAccess access) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.listen = Objects.requireNonNull(listen, "listen");
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public String name() {
        return "registry";
    }

    /** Creates and reads the schema topic, then serves; throws when the cluster cannot be reached. */
    @Override
    public synchronized void start() {
        if (registry != null) {
            throw new IllegalStateException("the registry is already started");
        }
        registry = EmbeddedSchemaRegistry.start(storage, listen, access);
    }

    /** The base URL clients use; only once started. */
    public String url() {
        EmbeddedSchemaRegistry started = registry;
        if (started == null) {
            throw new IllegalStateException("the registry is not started");
        }
        return started.url();
    }

    @Override
    public boolean isRunning() {
        return registry != null && !closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (registry != null) {
            registry.close();
        }
    }
}
