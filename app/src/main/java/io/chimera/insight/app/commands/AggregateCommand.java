package io.chimera.insight.app.commands;

import io.chimera.insight.analysis.service.AggregationService;
import io.chimera.insight.app.options.AggregationOptions;
import io.chimera.insight.app.options.ClusterOptions;
import io.chimera.insight.app.wiring.UntilShutdown;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The aggregation service (Kafka Streams) against a real cluster. */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = {"Run the aggregation service: a Kafka Streams app (exactly_once_v2) that keeps per-model and",
            "per-config statistics in model-metrics and emits debounced analysis-requests. Runs until stopped.",
            "Start several instances with the same --topic-prefix to share the work."})
public final class AggregateCommand implements Callable<Integer> {

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

    @Override
    public Integer call() throws Exception {
        AggregationService service = Clusters.connect(cluster).aggregation(aggregation.settings(), stateDir,
                standbyReplicas);
        service.start();
        UntilShutdown.await(List.of(service));
        return 0;
    }
}
