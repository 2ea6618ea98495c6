package io.chimera.insight.report;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.GenerationMetrics;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.ReportGenerated;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.Outbox;
import io.chimera.insight.platform.kafka.TransactionalConsumerLoop;
import io.chimera.insight.platform.ops.PipelineMetrics;
import io.chimera.insight.platform.service.ChimeraService;
import io.chimera.insight.platform.service.ServiceHealth;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.report.chart.RenderedChart;
import io.chimera.insight.report.chart.ReportCharts;
import io.chimera.insight.report.inventory.CatalogReader;
import io.chimera.insight.report.inventory.Inventory;
import io.chimera.insight.report.render.ChartLink;
import io.chimera.insight.report.render.IndexRenderer;
import io.chimera.insight.report.render.MarkdownReportRenderer;
import io.chimera.insight.report.render.ReportInput;
import io.chimera.insight.report.render.ReportJsonRenderer;
import io.chimera.insight.report.store.ReportStore;
import io.chimera.insight.report.store.ReportStore.WrittenReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns analysis results into reports on disk (Markdown, JSON, SVG charts) and announces each one
 * with a {@code reports} and a {@code generation-metrics} event, committed with the consumed offset
 * in one transaction.
 */
public final class ReportService implements ChimeraService {

    /** Where reports are written unless told otherwise, relative to the working directory. */
    public static final Path DEFAULT_REPORTS_DIR = Path.of("reports");

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);
    /** How long a report waits for the file events committed before it; past that it says the inventory may lag. */
    private static final Duration CATALOG_WAIT = Duration.ofSeconds(10);

    private final ReportStore store;
    private final MarkdownReportRenderer markdown = new MarkdownReportRenderer();
    private final ReportJsonRenderer json = new ReportJsonRenderer();
    private final IndexRenderer index = new IndexRenderer();
    private final CatalogReader catalog;
    private final PipelineMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    private final TransactionalConsumerLoop<AnalysisResult> loop;

    public ReportService(KafkaContext kafka, Path reportsDir, String groupId) {
        this(kafka, reportsDir, groupId, PipelineMetrics.none("report"));
    }

    public ReportService(KafkaContext kafka, Path reportsDir, String groupId, PipelineMetrics metrics) {
        this.store = new ReportStore(reportsDir);
        this.catalog = new CatalogReader(kafka);
        this.metrics = metrics;
        this.loop = new TransactionalConsumerLoop<>("chimera-report", "report", kafka, Topics.ANALYSIS_RESULTS, groupId,
                new Properties(), this::handle, metrics);
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public void start() {
        loop.start();
    }

    /** The consumer loop runs and the reports folder takes writes. */
    @Override
    public boolean isRunning() {
        return loop.isRunning() && store.isWritable();
    }

    /** DOWN when the reports folder takes no writes, else the loop's health (DEGRADED while its commits fail). */
    @Override
    public ServiceHealth health() {
        return store.isWritable() ? loop.health() : ServiceHealth.down("the reports folder takes no writes");
    }

    private void handle(ConsumerRecord<String, AnalysisResult> record, Outbox outbox) throws Exception {
        AnalysisResult analysis = record.value();
        if (analysis == null) {
            return; // a tombstone asks for nothing
        }
        ModelMetrics facts = analysis.getMetrics();
        if (facts == null) {
            throw new IllegalArgumentException("analysis " + analysis.getAnalysisId() + " for " + analysis.getModel()
                    + " carries no aggregate: nothing to report from");
        }
        String model = facts.getModel();
        boolean catalogComplete = catalog.catchUp(CATALOG_WAIT);
        Inventory inventory = Inventory.of(facts.getFiles(), catalog.catalog(), catalogComplete);
        List<RenderedChart> charts = ReportCharts.render(facts);
        ReportInput input = ReportInput.of(analysis, inventory,
                charts.stream().map(c -> new ChartLink(c.fileName(), c.title())).toList());
        Map<String, String> beside = new LinkedHashMap<>();
        charts.forEach(chart -> beside.put(chart.fileName(), chart.svg()));
        WrittenReport written = store.write(model, markdown.render(input), json.render(input), beside,
                ReportCharts.FILE_NAMES, clock.instant());
        store.writeIndex(index.render(ReportIndex.read(store.root())));
        Instant writtenAt = clock.instant();
        String reportId = UUID.randomUUID().toString();
        ReportGenerated report = ReportEvents.reportGenerated(reportId, analysis, written, writtenAt);
        GenerationMetrics generation = ReportEvents.generationMetrics(reportId, analysis, writtenAt);
        outbox.send(Topics.REPORTS, model, report);
        outbox.send(Topics.GENERATION_METRICS, model, generation);
        Duration lag = ReportEvents.endToEndLag(analysis, writtenAt).orElse(null);
        outbox.afterCommit(() -> metrics.reportWritten(report.getStatus(), lag));
        log.info("report for {} written to {} ({} runs, {}, {} file(s) rewritten)", model, written.markdown(),
                facts.getRuns(), analysis.getStatus(), written.written().size());
    }

    @Override
    public void close() {
        loop.close();
        catalog.close(); // after the loop: the catalog is read on the loop's thread
    }
}
