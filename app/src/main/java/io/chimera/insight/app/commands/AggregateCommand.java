package io.chimera.insight.app.commands;

import io.chimera.insight.aggregate.query.QueryServer;
import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.aggregate.AggregationService;
import io.chimera.insight.app.options.AggregationOptions;
import io.chimera.insight.app.options.ClusterOptions;
import io.chimera.insight.app.options.HttpOptions;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.app.wiring.UntilShutdown;
import io.chimera.insight.platform.ops.OpsEndpoint;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The aggregation service (Kafka Streams) against a real cluster. */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = {"Run the aggregation service: a Kafka Streams app (exactly_once_v2) that keeps per-model and",
            "per-config statistics in model-metrics and emits debounced analysis-requests. Runs until stopped.",
            "Start several instances with the same --topic-prefix to share the work.",
            "Serves /metrics (Prometheus) and /health on --http-port, and the query API on --query-port."})
public final class AggregateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:CHIMERA_STATE_DIR:-/tmp/chimera-streams}",
            description = "Local state of the Streams app (default: ${DEFAULT-VALUE}). Env: CHIMERA_STATE_DIR.")
    Path stateDir;

    @Option(names = "--standby-replicas", paramLabel = "N", defaultValue = "0",
            description = "Standby copies of each state store on other instances (default: ${DEFAULT-VALUE}).")
    int standbyReplicas;

    @Mixin
    AggregationOptions aggregation;

    @Mixin
    HttpOptions http;

    @Option(names = "--query-port", paramLabel = "PORT", defaultValue = "${env:CHIMERA_QUERY_PORT}",
            description = "Port of the query API (GET /models, /models/{model}, /models/{model}/configs), served "
                    + "from this instance's state and forwarded to the instance owning a model (default: "
                    + "${DEFAULT-VALUE}; -1 = off). Env: CHIMERA_QUERY_PORT.")
    int queryPort = QueryServer.DEFAULT_PORT;

    @Option(names = "--query-host", paramLabel = "ADDRESS", defaultValue = "${env:CHIMERA_QUERY_HOST:-0.0.0.0}",
            description = "Address the query API listens on (default: ${DEFAULT-VALUE}, every interface; 127.0.0.1 "
                    + "where every instance shares the host's network). Env: CHIMERA_QUERY_HOST.")
    String queryHost;

    @Option(names = "--advertised-host", paramLabel = "HOST",
            defaultValue = "${env:CHIMERA_ADVERTISED_HOST:-localhost}",
            description = "Host name other aggregate instances use to forward queries to this one "
                    + "(default: ${DEFAULT-VALUE}). Env: CHIMERA_ADVERTISED_HOST.")
    String advertisedHost;

    @Override
    public Integer call() throws Exception {
        ServiceFactory services = Clusters.connect(cluster);
        OpsEndpoint ops = http.open("aggregate");
        QueryServer queries = queryPort < 0 ? null
                : QueryServer.bind(new InetSocketAddress(queryHost, queryPort), advertisedHost);
        AggregationSettings settings = aggregation.settings();
        AggregationService service = services.withMetrics(ops::pipeline).aggregation(settings,
                stateDir, standbyReplicas, queries == null ? null : queries.applicationServer());
        ops.pipeline("aggregate"); // its dead-letter series, at zero until the topology dead-letters
        ops.bind("aggregate", service.streams());
        ops.watch(service);
        service.start();
        if (queries == null) {
            UntilShutdown.await(List.of(ops, service));
        } else {
            queries.start(service.streams(), settings.coldStart());
            spec.commandLine().getOut().println("query API: http://" + queries.applicationServer() + "/models");
            spec.commandLine().getOut().flush();
            UntilShutdown.await(List.of(ops, service, queries));
        }
        return 0;
    }
}
