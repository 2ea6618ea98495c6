package io.chimera.insight.report;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.Outbox;
import io.chimera.insight.platform.kafka.TransactionalConsumerLoop;
import io.chimera.insight.platform.service.ChimeraService;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.report.render.IndexRenderer;
import io.chimera.insight.report.render.MarkdownReportRenderer;
import io.chimera.insight.report.render.ReportInput;
import io.chimera.insight.report.render.ReportJsonRenderer;
import io.chimera.insight.report.store.ReportStore;
import io.chimera.insight.report.store.ReportStore.WrittenReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns analysis results into reports on disk and announces each one with a {@code reports} and a
 * {@code generation-metrics} event, committed with the consumed offset in one transaction.
 */
public final class ReportService implements ChimeraService {

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);

    private final ReportStore store;
    private final MarkdownReportRenderer markdown = new MarkdownReportRenderer();
    private final ReportJsonRenderer json = new ReportJsonRenderer();
    private final IndexRenderer index = new IndexRenderer();
    private final TransactionalConsumerLoop<AnalysisResult> loop;

    public ReportService(KafkaSettings settings, TopicNames names, EventSerdes serdes, Path reportsDir,
                         String groupId) {
        this.store = new ReportStore(reportsDir);
        this.loop = new TransactionalConsumerLoop<>("chimera-report", "report", settings, names, serdes,
                Topics.ANALYSIS_RESULTS, groupId, new Properties(), this::handle);
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    private void handle(ConsumerRecord<String, AnalysisResult> record, Outbox outbox) throws Exception {
        AnalysisResult analysis = record.value();
        if (analysis == null) {
            return; // a tombstone asks for nothing
        }
        if (analysis.getMetrics() == null) {
            throw new IllegalArgumentException("analysis " + analysis.getAnalysisId() + " for " + analysis.getModel()
                    + " carries no aggregate: nothing to report from");
        }
        ReportInput input = ReportInput.of(analysis);
        Instant now = Instant.now();
        WrittenReport written = store.write(analysis.getMetrics().getModel(), markdown.render(input),
                json.render(input), now);
        store.writeIndex(index.render(ReportIndex.read(store.root())));
        String reportId = UUID.randomUUID().toString();
        String model = analysis.getMetrics().getModel();
        outbox.send(Topics.REPORTS, model, ReportEvents.reportGenerated(reportId, analysis, written, now));
        outbox.send(Topics.GENERATION_METRICS, model, ReportEvents.generationMetrics(reportId, analysis, now));
        log.info("report for {} written to {} ({} runs, {})", model, written.markdown(),
                analysis.getMetrics().getRuns(), analysis.getStatus());
    }

    @Override
    public void close() {
        loop.close();
    }
}
