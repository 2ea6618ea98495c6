package io.chimera.insight.app.commands;

import io.chimera.insight.app.options.ClusterOptions;
import io.chimera.insight.app.options.IngestOptions;
import io.chimera.insight.app.wiring.FolderPoller;
import io.chimera.insight.app.wiring.IngestPass;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.app.wiring.UntilShutdown;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The ingest service against a real cluster. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Run the ingest service: watch folders and publish each new or changed benchmark file",
            "(its runs, its file event, its dead letters) in one Kafka transaction. Runs until stopped."})
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    IngestOptions ingest;

    @Option(names = "--watch", required = true, arity = "1..*", paramLabel = "DIR",
            description = "Folders to watch, recursively (repeatable).")
    List<Path> folders;

    @Option(names = "--scan-interval", paramLabel = "MILLIS", defaultValue = "2000",
            description = "How often the folders are rescanned (default: ${DEFAULT-VALUE}).")
    long scanIntervalMillis;

    @Option(names = "--transactional-id", paramLabel = "ID", defaultValue = "chimera-ingest",
            description = "Transactional id (default: ${DEFAULT-VALUE}); a restarted instance with the same id "
                    + "fences the old one.")
    String transactionalId;

    @Override
    public Integer call() throws Exception {
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("--watch " + folder + " is not a folder");
            }
        }
        ServiceFactory services = Clusters.connect(cluster);
        TransactionalFilePublisher publisher = new TransactionalFilePublisher(services.settings(), services.names(),
                services.serdes(), transactionalId);
        FolderPoller poller = new FolderPoller(folders, new IngestPass(ingest.ingestor(), publisher));
        poller.start(Duration.ofMillis(scanIntervalMillis));
        UntilShutdown.await(List.of(publisher, poller));
        return 0;
    }
}
