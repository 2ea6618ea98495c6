package io.chimera.insight.app.commands;

import io.chimera.insight.analysis.aggregate.AggregationSettings;
import io.chimera.insight.analysis.service.AggregationService;
import io.chimera.insight.app.options.ClusterOptions;
import io.chimera.insight.app.wiring.UntilShutdown;
import java.nio.file.Path;
import java.time.Duration;
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

    @Option(names = "--debounce", paramLabel = "MILLIS", defaultValue = "2000",
            description = "Analyse a model once its runs have been quiet this long (default: ${DEFAULT-VALUE}).")
    long debounceMillis;

    @Option(names = "--max-delay", paramLabel = "MILLIS", defaultValue = "30000",
            description = "Analyse a model at the latest this long after its first new run (default: ${DEFAULT-VALUE}).")
    long maxDelayMillis;

    @Override
    public Integer call() throws Exception {
        AggregationSettings settings = new AggregationSettings(Duration.ofMillis(debounceMillis),
                Duration.ofMillis(maxDelayMillis), AggregationSettings.DEFAULT_PUNCTUATE_INTERVAL,
                AggregationSettings.DEFAULT_REPLACEMENT_SWEEP_INTERVAL);
        AggregationService service = Clusters.connect(cluster).aggregation(settings, stateDir, standbyReplicas);
        service.start();
        UntilShutdown.await(List.of(service));
        return 0;
    }
}
