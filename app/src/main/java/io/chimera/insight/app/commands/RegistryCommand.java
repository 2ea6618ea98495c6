package io.chimera.insight.app.commands;

import io.chimera.insight.app.options.ClusterOptions;
import io.chimera.insight.app.options.HttpOptions;
import io.chimera.insight.app.wiring.UntilShutdown;
import io.chimera.insight.localstack.registry.EmbeddedSchemaRegistry;
import io.chimera.insight.localstack.registry.RegistryAccess;
import io.chimera.insight.localstack.registry.RegistryStorage;
import io.chimera.insight.localstack.registry.StandaloneSchemaRegistry;
import io.chimera.insight.platform.ops.OpsEndpoint;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The schema registry local mode embeds, served alone against a real cluster. It is not a pipeline
 * service built from a {@code KafkaContext} (it is what that context's registry URL points at), so
 * it is made here rather than by the {@code ServiceFactory}.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = {"Run the schema registry alone against a real cluster: the Confluent REST API (Avro; subjects,",
            "versions, ids, compatibility) that local mode embeds, its schemas in the compacted _schemas topic",
            "(created when missing). One instance per cluster: it reads the topic at start, then keeps it in memory.",
            "Needs --bootstrap-servers (and --kafka-config/--kafka-property for a secured cluster); --replication-factor",
            "and --min-insync-replicas apply to _schemas, the registry, topic-prefix and partition flags do not.",
            "Access: --user-info or --open.",
            "Serves /metrics (Prometheus) and /health on --http-port."})
public final class RegistryCommand implements Callable<Integer> {

    /** Confluent's registry port, where clients look first. */
    static final int DEFAULT_PORT = 8081;

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "${env:CHIMERA_REGISTRY_LISTEN}",
            description = "Address of the REST API (default: 0.0.0.0:" + DEFAULT_PORT + ", every interface; "
                    + "127.0.0.1:PORT keeps it on this host; port 0 picks a free one). Env: CHIMERA_REGISTRY_LISTEN.")
    String listen;

    @Option(names = "--user-info", paramLabel = "USER:PASSWORD", defaultValue = "${env:CHIMERA_REGISTRY_USER_INFO}",
            description = "Every request needs this credential by HTTP basic auth (Confluent's basic.auth.user.info); "
                    + "the services pass it as --registry-user/--registry-password. Env: CHIMERA_REGISTRY_USER_INFO.")
    String userInfo;

    @Option(names = "--open",
            description = "No credential: anyone who reaches the port reads and registers schemas. Only where the "
                    + "network already keeps others out.")
    boolean open;

    @Mixin
    HttpOptions http;

    @Override
    public Integer call() throws Exception {
        RegistryAccess access = access();
        RegistryStorage storage = RegistryStorage.cluster(cluster.requireBootstrapServers(), cluster.clientProperties(),
                cluster.topicReplication());
        InetSocketAddress address = ListenAddress.parse(listen == null ? "0.0.0.0:" + DEFAULT_PORT : listen, "--listen");
        OpsEndpoint ops = http.open("registry");
        StandaloneSchemaRegistry registry = new StandaloneSchemaRegistry(storage, address, access);
        ops.watch(registry);
        try {
            registry.start();
        } catch (RuntimeException e) {
            ops.close();
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("schema registry at " + registry.url() + " (" + access + "; schemas in "
                + EmbeddedSchemaRegistry.TOPIC + ")");
        out.flush();
        UntilShutdown.await(List.of(ops, registry));
        return 0;
    }

    private RegistryAccess access() {
        boolean credential = userInfo != null && !userInfo.isBlank();
        if (credential == open) {
            throw new IllegalArgumentException(credential
                    ? "--user-info and --open contradict each other: give one"
                    : "say who may use the registry: --user-info USER:PASSWORD (or CHIMERA_REGISTRY_USER_INFO), "
                            + "or --open");
        }
        return open ? RegistryAccess.open() : RegistryAccess.basicAuth(userInfo);
    }
}
