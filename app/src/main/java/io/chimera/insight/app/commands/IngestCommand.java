package io.chimera.insight.app.commands;

import io.chimera.insight.app.options.ClusterOptions;
import io.chimera.insight.app.options.HttpOptions;
import io.chimera.insight.app.options.IngestOptions;
import io.chimera.insight.app.options.WatchFlags;
import io.chimera.insight.app.wiring.PublishedFiles;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.app.wiring.UntilShutdown;
import io.chimera.insight.ingest.IngestService;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.watch.WatchOptions;
import io.chimera.insight.platform.ops.OpsEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The ingest service against a real cluster. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Run the ingest service: watch folders and publish each new or changed benchmark file",
            "(its runs, its file event, its dead letters) in one Kafka transaction. Runs until stopped;",
            "a restart publishes only what changed meanwhile."})
public final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    IngestOptions ingest;

    @Mixin
    WatchFlags watch;

    @Mixin
    HttpOptions http;

    @Option(names = "--transactional-id", paramLabel = "ID",
            description = "Transactional id (default: ${DEFAULT-VALUE}); a restarted instance with the same id "
                    + "fences the old one.")
    String transactionalId = TransactionalFilePublisher.DEFAULT_TRANSACTIONAL_ID;

    @Override
    public Integer call() throws Exception {
        // bad options fail before anything starts
        ServiceFactory.IngestTarget target = ingest.target(transactionalId);
        List<Path> folders = watch.folders();
        WatchOptions watching = watch.watchOptions();
        ServiceFactory services = Clusters.connect(cluster);
        OpsEndpoint ops = http.open("ingest");
        IngestService service = services.withMetrics(ops::pipeline).ingest(target, folders, watching,
                new PublishedFiles(spec.commandLine().getOut()));
        ops.watch(service);
        try {
            service.start();
        } catch (RuntimeException e) {
            service.close();
            ops.close();
            throw e;
        }
        spec.commandLine().getOut().println("ingest is watching " + folders);
        spec.commandLine().getOut().flush();
        UntilShutdown.await(List.of(ops, service));
        return 0;
    }
}
