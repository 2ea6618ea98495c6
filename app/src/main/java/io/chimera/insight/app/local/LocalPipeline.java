package io.chimera.insight.app.local;

import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.aggregate.query.QueryServer;
import io.chimera.insight.aggregate.AggregationService;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.localstack.LocalStackOptions;
import io.chimera.insight.localstack.registry.RegistryAccess;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.ops.OpsEndpoint;
import io.chimera.insight.platform.service.ChimeraService;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.report.ReportService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole pipeline in one JVM: embedded broker and registry, then the aggregation, analysis and
 * report services talking through real topics. Ingest is driven by the caller (one-shot for
 * {@code chimera run}, a watcher for {@code chimera up}). One ops endpoint serves every service's
 * metrics, each labelled with its service, and their health together.
 */
public final class LocalPipeline implements AutoCloseable {

    /**
     * The {@code group.instance.id} of every group member of a local pipeline (the aggregation's
     * stream thread adds its index): each is a static member, so a pipeline started again on a data
     * directory takes over the memberships the last one left there at once, whether it stopped
     * orderly (members stay in their groups) or was killed, instead of waiting 45 s for the old
     * members' sessions to expire. One fixed id suffices and survives moving the directory: a data
     * directory's broker serves one local pipeline at a time, so no two members of a group share it.
     */
    public static final String GROUP_INSTANCE_ID = "chimera-local";

    /**
     * What to start. {@code dataDir} empty means a temporary one, deleted on close.
     *
     * @param httpPort port of /metrics and /health on 127.0.0.1; 0 picks a free one
     * @param queryPort port of the aggregation's query API on 127.0.0.1; 0 picks a free one, -1 serves none
     * @param registry  who may use the embedded schema registry; the pipeline's own client holds its credential
     */
    public record Options(Optional<Path> dataDir, int partitions, Path reportsDir, ServiceFactory.LlmTarget llm,
                          AggregationSettings aggregation, int httpPort, int queryPort, RegistryAccess registry) {

        /** With the ops endpoint on a free port, without the query API, a registry only the pipeline writes to. */
        public Options(Optional<Path> dataDir, int partitions, Path reportsDir, ServiceFactory.LlmTarget llm,
                       AggregationSettings aggregation) {
            this(dataDir, partitions, reportsDir, llm, aggregation, 0, -1, RegistryAccess.ownerWrites());
        }
    }

    private final LocalStack stack;
    private final OpsEndpoint ops;
    private final ServiceFactory factory;
    private final List<ChimeraService> services = new ArrayList<>();
    private QueryServer queries;
    private final Path stateDir;
    private final boolean temporaryState;

    private LocalPipeline(LocalStack stack, OpsEndpoint ops, ServiceFactory factory, Path stateDir,
                          boolean temporaryState) {
        this.stack = stack;
        this.ops = ops;
        this.factory = factory;
        this.stateDir = stateDir;
        this.temporaryState = temporaryState;
    }

    public static LocalPipeline start(Options options) throws IOException {
        return start(options, Map.of());
    }

    /** {@link #start(Options)}, with {@code clientProperties} for every Kafka client (tests lengthen timeouts). */
    static LocalPipeline start(Options options, Map<String, String> clientProperties) throws IOException {
        LocalStackOptions stackOptions = LocalStackOptions.defaults().withPartitions(options.partitions())
                .withRegistryAccess(options.registry());
        if (options.dataDir().isPresent()) {
            stackOptions = stackOptions.withDataDir(options.dataDir().get());
        }
        LocalStack stack = LocalStack.start(stackOptions);
        LocalPipeline pipeline = null;
        OpsEndpoint ops = null;
        try {
            ops = OpsEndpoint.local(options.httpPort());
            TopicNames names = TopicNames.defaults();
            TopicAdmin.ensureTopics(stack.kafkaSettings(), names, options.partitions());
            EventSerdes serdes = new EventSerdes(stack.registryClient());
            KafkaSettings settings = new KafkaSettings(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                    clientProperties).withGroupInstanceId(GROUP_INSTANCE_ID);
            ServiceFactory factory = new ServiceFactory(new KafkaContext(settings, names, serdes))
                    .withMetrics(ops::pipeline);
            boolean temporary = options.dataDir().isEmpty();
            Path stateDir = temporary ? Files.createTempDirectory("chimera-streams")
                    : Files.createDirectories(options.dataDir().get().resolve("streams"));
            pipeline = new LocalPipeline(stack, ops, factory, stateDir, temporary);
            for (String service : List.of("ingest", "aggregate")) {
                ops.pipeline(service); // their series at zero from the start: ingest runs in the caller
            }
            if (options.queryPort() >= 0) {
                pipeline.queries = QueryServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        options.queryPort()), InetAddress.getLoopbackAddress().getHostAddress());
            }
            AggregationService aggregation = factory.aggregation(options.aggregation(), stateDir, 0,
                    pipeline.queries == null ? null : pipeline.queries.applicationServer());
            ops.bind("aggregate", aggregation.streams());
            pipeline.startService(aggregation);
            if (pipeline.queries != null) {
                pipeline.queries.start(aggregation.streams(), options.aggregation().coldStart());
            }
            pipeline.startService(factory.analysis(options.llm()));
            ReportService report = factory.report(options.reportsDir());
            pipeline.startService(report);
            ops.mount(report.console()); // the web console on the same port, beside /metrics and /health
            return pipeline;
        } catch (RuntimeException | IOException e) {
            if (pipeline != null) {
                pipeline.close();
            } else {
                if (ops != null) {
                    ops.close();
                }
                stack.close();
            }
            throw e;
        }
    }

    private void startService(ChimeraService service) {
        services.add(service);
        ops.watch(service);
        service.start();
    }

    public ServiceFactory factory() {
        return factory;
    }

    public LocalStack stack() {
        return stack;
    }

    /** Where the query API answers ({@code http://host:port}), when it was asked for. */
    public Optional<URI> queryUri() {
        return Optional.ofNullable(queries).map(q -> URI.create("http://" + q.applicationServer()));
    }

    /** Where the report service's web console answers, on the ops endpoint's port. */
    public URI consoleUri() {
        return ops.uri("/");
    }

    /** The one /metrics and /health of the process, for all its services. */
    public OpsEndpoint ops() {
        return ops;
    }

    /** The services and whether each is running, for health and progress. */
    public List<ChimeraService> services() {
        return List.copyOf(services);
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (queries != null) {
            queries.close();
        }
        ops.close();
        stack.close();
        if (temporaryState) {
            deleteQuietly(stateDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
