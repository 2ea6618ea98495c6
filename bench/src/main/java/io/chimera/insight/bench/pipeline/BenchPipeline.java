package io.chimera.insight.bench.pipeline;

import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.aggregate.AggregationService;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.service.ChimeraService;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.schemas.registry.SchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One pipeline of the bench: the product's services, built by the product's
 * {@link ServiceFactory}, over topics under their own prefix on the shared embedded broker. Each
 * measure gets a fresh one, so one measure's state (a model's pending changes, a consumer's
 * position) cannot leak into the next, and the broker starts only once.
 */
public final class BenchPipeline implements AutoCloseable {

    /** The folder under the bench's work folder where its Kafka Streams applications keep their state. */
    public static final String STATE_FOLDER = "streams";

    private final ServiceFactory factory;
    private final Path stateDir;
    private final List<AutoCloseable> open = new ArrayList<>();

    private BenchPipeline(ServiceFactory factory, Path stateDir) {
        this.factory = factory;
        this.stateDir = stateDir;
    }

    /** Creates the topics under {@code prefix}; starts nothing yet. */
    public static BenchPipeline create(KafkaSettings settings, SchemaRegistry registry, String prefix, int partitions,
                                       Path workDir) throws IOException {
        TopicNames names = new TopicNames(prefix);
        TopicAdmin.ensureTopics(settings, names, partitions);
        EventSerdes serdes = new EventSerdes(registry);
        Path stateDir = Files.createDirectories(workDir.resolve(STATE_FOLDER).resolve(prefix.replace('.', '-')));
        return new BenchPipeline(new ServiceFactory(new KafkaContext(settings, names, serdes)), stateDir);
    }

    public ServiceFactory factory() {
        return factory;
    }

    public KafkaContext kafka() {
        return factory.kafka();
    }

    public TopicNames names() {
        return kafka().names();
    }

    public KafkaSettings settings() {
        return kafka().settings();
    }

    public EventSerdes serdes() {
        return kafka().serdes();
    }

    /** Where the pipeline's Kafka Streams applications keep their state (RocksDB). */
    public Path stateDir() {
        return stateDir;
    }

    /** Starts the aggregation (Kafka Streams, exactly_once_v2); returns once it is RUNNING. */
    public AggregationService startAggregation(AggregationSettings aggregation) {
        return start(factory.aggregation(aggregation, stateDir, 0));
    }

    public ChimeraService startAnalysis(ServiceFactory.LlmTarget llm) {
        return start(factory.analysis(llm));
    }

    public ChimeraService startReport(Path reportsDir) {
        return start(factory.report(reportsDir));
    }

    /** An ingest publisher on this pipeline's topics, closed with it. */
    public TransactionalFilePublisher publisher(String transactionalId) {
        TransactionalFilePublisher publisher = factory.publisher(transactionalId);
        publisher.start();
        open.add(publisher);
        return publisher;
    }

    /** Something else to close with the pipeline (a poller, a tracker), before the services. */
    public <T extends AutoCloseable> T closeWith(T resource) {
        open.add(resource);
        return resource;
    }

    private <S extends ChimeraService> S start(S service) {
        open.add(service);
        service.start();
        return service;
    }

    /** Whether every service started here still runs (a stopped one means a failed measure). */
    public void requireRunning() {
        for (AutoCloseable resource : open) {
            if (resource instanceof ChimeraService service && !service.isRunning()) {
                throw new IllegalStateException("the " + service.name() + " service of " + names().prefix()
                        + " stopped; see the log above");
            }
        }
    }

    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                // closing the rest matters more than this one failure
            }
        }
        open.clear();
    }
}
