package io.chimera.insight.app.commands;

import io.chimera.insight.aggregate.query.QueryServer;
import io.chimera.insight.app.local.LocalPipeline;
import io.chimera.insight.app.options.IngestOptions;
import io.chimera.insight.app.options.LocalPipelineOptions;
import io.chimera.insight.app.options.WatchFlags;
import io.chimera.insight.app.wiring.PublishedFiles;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.app.wiring.UntilShutdown;
import io.chimera.insight.ingest.IngestService;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.watch.WatchOptions;
import io.chimera.insight.localstack.registry.RegistryAccess;
import io.chimera.insight.platform.ops.OpsEndpoint;
import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".chimera",
            description = "Broker, registry and Streams data, kept across restarts (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:CHIMERA_HTTP_PORT}",
            description = "Port of the web console, /metrics and /health of all services, on 127.0.0.1 (default: ${DEFAULT-VALUE}; "
                    + "0 picks a free one). Env: CHIMERA_HTTP_PORT.")
    int httpPort = OpsEndpoint.DEFAULT_PORT;

    @Option(names = "--query-port", paramLabel = "PORT", defaultValue = "${env:CHIMERA_QUERY_PORT}",
            description = "Port of the query API on 127.0.0.1: GET /models, /models/{model}, /models/{model}/configs, "
                    + "the live aggregates as JSON (default: ${DEFAULT-VALUE}; 0 picks a free one; -1 = off). "
                    + "Env: CHIMERA_QUERY_PORT.")
    int queryPort = QueryServer.DEFAULT_PORT;

    @Mixin
    LocalPipelineOptions local;

    @Mixin
    IngestOptions ingest;

    @Mixin
    WatchFlags watch;

    @Override
    public Integer call() throws Exception {
        // bad options fail before anything starts
        ServiceFactory.IngestTarget target = ingest.target(TransactionalFilePublisher.DEFAULT_TRANSACTIONAL_ID);
        List<Path> folders = watch.folders();
        WatchOptions watching = watch.watchOptions();
        LocalPipeline pipeline = LocalPipeline.start(pipelineOptions());
        PrintWriter out = spec.commandLine().getOut();
        IngestService ingestService = pipeline.factory().ingest(target, folders, watching, new PublishedFiles(out));
        pipeline.ops().watch(ingestService);
        try {
            ingestService.start();
        } catch (RuntimeException e) {
            ingestService.close();
            pipeline.close();
            throw e;
        }
        out.println("chimera is up; watching " + folders + ", reports in " + local.reports());
        out.println("bootstrap servers: " + pipeline.stack().bootstrapServers());
        out.println("schema registry: " + pipeline.stack().schemaRegistryUrl()
                + (pipeline.stack().registry().access().guarded() == RegistryAccess.Guarded.NOTHING
                ? " (open: any local client may write)" : " (read-only to other clients; --registry-open lets them write)"));
        out.println("console: " + pipeline.consoleUri() + " (open it in a browser: every model's report, live)");
        out.println("metrics: " + pipeline.ops().metricsUri() + " (health: " + pipeline.ops().healthUri() + ")");
        pipeline.queryUri().ifPresent(uri -> out.println("query API: " + uri + "/models"));
        out.println("try: chimera tail reports --bootstrap-servers " + pipeline.stack().bootstrapServers()
                + " --schema-registry " + pipeline.stack().schemaRegistryUrl());
        out.flush();
        UntilShutdown.await(List.of(pipeline, ingestService));
        return 0;
    }

    LocalPipeline.Options pipelineOptions() {
        return local.pipeline(Optional.of(dataDir), httpPort, queryPort);
    }
}
