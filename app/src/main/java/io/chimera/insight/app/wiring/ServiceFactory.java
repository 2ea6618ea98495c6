package io.chimera.insight.app.wiring;

import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.analysis.llm.GenerationOptions;
import io.chimera.insight.analysis.llm.LlmApi;
import io.chimera.insight.analysis.llm.LlmClientSettings;
import io.chimera.insight.analysis.llm.pool.PoolSettings;
import io.chimera.insight.analysis.llm.pool.WorkerPool;
import io.chimera.insight.analysis.prompt.PromptBuilder;
import io.chimera.insight.analysis.prompt.PromptSettings;
import io.chimera.insight.aggregate.AggregationService;
import io.chimera.insight.analysis.service.AnalysisService;
import io.chimera.insight.analysis.service.AnalysisServiceSettings;
import io.chimera.insight.analysis.service.Analyst;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.IngestService;
import io.chimera.insight.ingest.IngestTuning;
import io.chimera.insight.ingest.publish.PublishOutcome;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.scan.ScannedFile;
import io.chimera.insight.ingest.watch.WatchOptions;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.ops.PipelineMetrics;
import io.chimera.insight.report.ReportService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Builds each service from the same {@link KafkaContext} (where the cluster is, what the topics are
 * called, how values are encoded), so local mode and the stand-alone service commands wire them
 * identically: every command gets its services, ingest included, from here.
 */
public final class ServiceFactory {

    /** Consumer groups and Streams application id, one per service, under the topic prefix. */
    static final String AGGREGATE_APP = "aggregate";
    static final String ANALYZE_GROUP = "analyze";
    static final String REPORT_GROUP = "report";

    private final KafkaContext kafka;
    private final Function<String, PipelineMetrics> metrics;

    public ServiceFactory(KafkaContext kafka) {
        this(kafka, PipelineMetrics::none);
    }

    private ServiceFactory(KafkaContext kafka, Function<String, PipelineMetrics> metrics) {
        this.kafka = kafka;
        this.metrics = metrics;
    }

    /** The same factory, whose services record their meters where {@code metrics} says (by service name). */
    public ServiceFactory withMetrics(Function<String, PipelineMetrics> metrics) {
        return new ServiceFactory(kafka, metrics);
    }

    /** The meters of {@code service} ({@code ingest}, {@code aggregate}, {@code analyze}, {@code report}). */
    public PipelineMetrics metrics(String service) {
        return metrics.apply(service);
    }

    /** The cluster, topic names and serdes every service here is built on. */
    public KafkaContext kafka() {
        return kafka;
    }

    /** The aggregation's Kafka Streams application id, its consumer group. */
    public String aggregationGroupId() {
        return groupId(AGGREGATE_APP);
    }

    private String groupId(String service) {
        return kafka.names().prefix() + service;
    }

    /**
     * How files become events, as an ingest command chooses it.
     *
     * @param transactionalId of the publisher's producer: one publishing instance per id, a new one
     *                        fences the old
     */
    public record IngestTarget(FileIngestor ingestor, IngestTuning tuning, String transactionalId) {
    }

    /** A publisher on this factory's topics, counting under {@code ingest}; its first use starts it. */
    public TransactionalFilePublisher publisher(String transactionalId) {
        return new TransactionalFilePublisher(kafka, transactionalId, metrics("ingest"));
    }

    /**
     * The ingest service ({@code chimera ingest}, {@code chimera up}): watches {@code folders} and
     * publishes each file once it has settled.
     *
     * @param onOutcome hears what became of each file handed over, on the watcher's thread
     */
    public IngestService ingest(IngestTarget target, List<Path> folders, WatchOptions watch,
                                Consumer<PublishOutcome> onOutcome) {
        return new IngestService(folders, watch, target.ingestor(), publisher(target.transactionalId()),
                target.tuning(), onOutcome);
    }

    /**
     * Publishes {@code files} once ({@code chimera run}, {@code chimera publish}) with a publisher of
     * its own, closed when they are done.
     *
     * @param onFile hears how many files are done after each one
     */
    public IngestPass.Tally ingestOnce(IngestTarget target, List<ScannedFile> files, IntConsumer onFile) {
        try (TransactionalFilePublisher publisher = publisher(target.transactionalId())) {
            return new IngestPass(target.ingestor(), publisher, target.tuning()).publishAll(files, onFile);
        }
    }

    public AggregationService aggregation(AggregationSettings aggregation, Path stateDir, int standbyReplicas) {
        return aggregation(aggregation, stateDir, standbyReplicas, null);
    }

    /** An aggregation instance that others reach at {@code applicationServer} (host:port) for queries. */
    public AggregationService aggregation(AggregationSettings aggregation, Path stateDir, int standbyReplicas,
                                          String applicationServer) {
        return new AggregationService(kafka, aggregation, groupId(AGGREGATE_APP), stateDir, standbyReplicas,
                applicationServer, metrics("aggregate"));
    }

    /**
     * What the analysis service needs to know about its GPU workers.
     *
     * @param urls      base URLs of the workers, one pool endpoint each
     * @param keepAlive Ollama keep_alive, null for the worker's default
     * @param persona   file replacing the default persona, null for the default
     */
    public record LlmTarget(LlmApi api, List<String> urls, String model, GenerationOptions options, String keepAlive,
                            Path persona, LlmClientSettings client, PoolSettings pool,
                            AnalysisServiceSettings pacing) {

        public LlmTarget {
            urls = List.copyOf(urls);
        }

        /** One worker with default timeouts, pool and pacing. */
        public LlmTarget(LlmApi api, String url, String model, int numCtx, double temperature,
                         Duration connectTimeout) {
            this(api, List.of(url), model, new GenerationOptions(numCtx, null, temperature, null, null, null, null,
                    null), null, null, LlmClientSettings.defaults().withConnectTimeout(connectTimeout),
                    PoolSettings.defaults(), AnalysisServiceSettings.defaults());
        }

        /** The prompt's context budget: num_ctx, with num_predict (or min(1536, num_ctx/2)) kept for the answer. */
        PromptSettings promptSettings() {
            int numCtx = options.numCtx() == null ? PromptSettings.DEFAULT_NUM_CTX : options.numCtx();
            int reserve = options.numPredict() != null && options.numPredict() > 0 && options.numPredict() < numCtx
                    ? options.numPredict()
                    : Math.min(PromptSettings.DEFAULT_ANSWER_RESERVE_TOKENS, numCtx / 2);
            PromptSettings settings = PromptSettings.defaults().withContext(numCtx, reserve);
            return persona == null ? settings : settings.withPersonaFile(persona);
        }
    }

    public AnalysisService analysis(LlmTarget target) {
        WorkerPool pool = WorkerPool.create(target.api(), target.urls(), target.model(), target.client(),
                target.pool(), metrics("analyze"));
        Analyst analyst = new Analyst(pool, new PromptBuilder(target.promptSettings()), target.options().asMap(),
                target.keepAlive(), Clock.systemUTC());
        return new AnalysisService(kafka, analyst, target.pacing(), groupId(ANALYZE_GROUP), metrics("analyze"));
    }

    public ReportService report(Path reportsDir) {
        return new ReportService(kafka, reportsDir, groupId(REPORT_GROUP), metrics("report"));
    }
}
