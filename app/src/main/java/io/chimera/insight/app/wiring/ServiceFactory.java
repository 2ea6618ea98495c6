package io.chimera.insight.app.wiring;

import io.chimera.insight.analysis.aggregate.AggregationSettings;
import io.chimera.insight.analysis.llm.LlmClient;
import io.chimera.insight.analysis.llm.LlmClientSettings;
import io.chimera.insight.analysis.llm.LlmClients;
import io.chimera.insight.analysis.llm.LlmOptions;
import io.chimera.insight.analysis.prompt.PromptBuilder;
import io.chimera.insight.analysis.prompt.PromptSettings;
import io.chimera.insight.analysis.service.AggregationService;
import io.chimera.insight.analysis.service.AnalysisService;
import io.chimera.insight.analysis.service.Analyst;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.report.ReportService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Builds each service from the same three things (where the cluster is, what the topics are
 * called, how values are encoded), so local mode and the stand-alone service commands wire them
 * identically.
 */
public final class ServiceFactory {

    /** Consumer groups and Streams application id, one per service, under the topic prefix. */
    static final String AGGREGATE_APP = "aggregate";
    static final String ANALYZE_GROUP = "analyze";
    static final String REPORT_GROUP = "report";

    private final KafkaSettings settings;
    private final TopicNames names;
    private final EventSerdes serdes;

    public ServiceFactory(KafkaSettings settings, TopicNames names, EventSerdes serdes) {
        this.settings = settings;
        this.names = names;
        this.serdes = serdes;
    }

    public KafkaSettings settings() {
        return settings;
    }

    public TopicNames names() {
        return names;
    }

    public EventSerdes serdes() {
        return serdes;
    }

    private String groupId(String service) {
        return names.prefix() + service;
    }

    public AggregationService aggregation(AggregationSettings aggregation, Path stateDir, int standbyReplicas) {
        return new AggregationService(settings, names, serdes, aggregation, groupId(AGGREGATE_APP), stateDir,
                standbyReplicas);
    }

    /** What the analysis service needs to know about the worker. */
    public record LlmTarget(io.chimera.insight.analysis.llm.LlmApi api, String url, String model, int numCtx,
                            double temperature, Duration connectTimeout) {
    }

    public AnalysisService analysis(LlmTarget target) {
        LlmClient client = LlmClients.create(target.api(), target.url(),
                LlmClientSettings.defaults().withConnectTimeout(target.connectTimeout()));
        PromptBuilder prompts = new PromptBuilder(PromptSettings.defaults()
                .withContext(target.numCtx(), PromptSettings.DEFAULT_ANSWER_RESERVE_TOKENS));
        Map<String, Object> options = Map.of(LlmOptions.NUM_CTX, target.numCtx(),
                LlmOptions.TEMPERATURE, target.temperature());
        Analyst analyst = new Analyst(client, prompts, target.model(), options, Clock.systemUTC());
        return new AnalysisService(settings, names, serdes, analyst, groupId(ANALYZE_GROUP));
    }

    public ReportService report(Path reportsDir) {
        return new ReportService(settings, names, serdes, reportsDir, groupId(REPORT_GROUP));
    }
}
