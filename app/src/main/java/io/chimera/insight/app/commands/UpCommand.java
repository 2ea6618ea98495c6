package io.chimera.insight.app.commands;

import io.chimera.insight.analysis.aggregate.AggregationSettings;
import io.chimera.insight.app.local.LocalPipeline;
import io.chimera.insight.app.options.IngestOptions;
import io.chimera.insight.app.options.LlmOptions;
import io.chimera.insight.app.wiring.FolderPoller;
import io.chimera.insight.app.wiring.IngestPass;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.app.wiring.UntilShutdown;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Local mode, long-running: the whole pipeline in this JVM, watching folders. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the whole pipeline in this JVM (embedded Kafka broker and schema registry, all services)",
            "and keep watching --watch folders: every new or changed benchmark file updates its model's report.",
            "Prints the broker and registry addresses so 'chimera tail' and your own clients can connect. Ctrl-C stops."})
public final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--watch", required = true, arity = "1..*", paramLabel = "DIR",
            description = "Folders to watch, recursively (repeatable).")
    List<Path> folders;

    @Option(names = "--reports", paramLabel = "DIR", defaultValue = "reports",
            description = "Where reports are written (default: ${DEFAULT-VALUE}).")
    Path reports;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".chimera",
            description = "Broker, registry and Streams data, kept across restarts (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--scan-interval", paramLabel = "MILLIS", defaultValue = "2000",
            description = "How often the folders are rescanned (default: ${DEFAULT-VALUE}).")
    long scanIntervalMillis;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "1",
            description = "Partitions of each topic on the embedded broker (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Mixin
    LlmOptions llm;

    @Mixin
    IngestOptions ingest;

    @Override
    public Integer call() throws Exception {
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("--watch " + folder + " is not a folder");
            }
        }
        ServiceFactory.LlmTarget target = new ServiceFactory.LlmTarget(llm.api(), llm.urls().get(0), llm.model(),
                llm.numCtx(), llm.temperature(), Duration.ofSeconds(llm.connectTimeoutSeconds()));
        LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Options(Optional.of(dataDir), partitions,
                reports, target, AggregationSettings.defaults()));
        ServiceFactory services = pipeline.factory();
        TransactionalFilePublisher publisher = new TransactionalFilePublisher(services.settings(), services.names(),
                services.serdes(), TransactionalFilePublisher.DEFAULT_TRANSACTIONAL_ID);
        FolderPoller poller = new FolderPoller(folders, new IngestPass(ingest.ingestor(), publisher));
        poller.start(Duration.ofMillis(scanIntervalMillis));
        PrintWriter out = spec.commandLine().getOut();
        out.println("chimera is up; watching " + folders + ", reports in " + reports);
        out.println("bootstrap servers: " + pipeline.stack().bootstrapServers());
        out.println("schema registry: " + pipeline.stack().schemaRegistryUrl());
        out.println("try: chimera tail reports --bootstrap-servers " + pipeline.stack().bootstrapServers()
                + " --schema-registry " + pipeline.stack().schemaRegistryUrl());
        out.flush();
        UntilShutdown.await(List.of(pipeline, publisher, poller));
        return 0;
    }
}
