package io.chimera.insight.analysis.service;

import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.TransactionalConsumerLoop;
import io.chimera.insight.platform.service.ChimeraService;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Consumes analysis requests, asks the GPU worker, publishes analysis results. The request's
 * offset is committed in the same transaction as its result, so a crash mid-call repeats the call
 * rather than losing the request.
 */
public final class AnalysisService implements ChimeraService {

    private final TransactionalConsumerLoop<AnalysisRequest> loop;

    public AnalysisService(KafkaSettings settings, TopicNames names, EventSerdes serdes, Analyst analyst,
                           String groupId) {
        Properties consumer = new Properties();
        // One request at a time: an LLM call may take minutes, and the poll interval must outlast it.
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        consumer.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "900000");
        this.loop = new TransactionalConsumerLoop<>("chimera-analyze", "analysis", settings, names, serdes,
                Topics.ANALYSIS_REQUESTS, groupId, consumer,
                (record, outbox) -> {
                    if (record.value() != null) {
                        outbox.send(Topics.ANALYSIS_RESULTS, record.key(), analyst.analyse(record.value()));
                    }
                });
    }

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    @Override
    public void close() {
        loop.close();
    }
}
