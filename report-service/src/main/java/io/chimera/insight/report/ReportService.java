package io.chimera.insight.report;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.GenerationMetrics;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.ReportGenerated;
import io.chimera.insight.platform.concurrent.DaemonThreads;
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
import io.chimera.insight.report.inventory.FileCatalog;
import io.chimera.insight.report.inventory.Inventory;
import io.chimera.insight.report.render.ChartLink;
import io.chimera.insight.report.render.DeadLetterListingRenderer;
import io.chimera.insight.report.render.IndexRenderer;
import io.chimera.insight.report.render.MarkdownReportRenderer;
import io.chimera.insight.report.render.ReportInput;
import io.chimera.insight.report.render.ReportJsonRenderer;
import io.chimera.insight.report.store.ReportStore;
import io.chimera.insight.report.store.ReportStore.WrittenReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns analysis results into reports on disk (Markdown, JSON, SVG charts) and announces each one
 * with a {@code reports} and a {@code generation-metrics} event, committed with the consumed offset
 * in one transaction. It also keeps {@code dead-letters.md} in the reports folder current: the
 * dead letters that still count, rewritten from its file catalog whenever the catalog reads new ones
 * (before each report, and every second between reports), and linked from each report's inventory.
 */
public final class ReportService implements ChimeraService {

    /** Where reports are written unless told otherwise, relative to the working directory. */
    public static final Path DEFAULT_REPORTS_DIR = Path.of("reports");

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);
    /** How long a report waits for the file events committed before it; past that it says the inventory may lag. */
    private static final Duration CATALOG_WAIT = Duration.ofSeconds(10);
    /** How often the catalog is read between reports, so that the dead-letter listing follows the topic. */
    private static final Duration LISTING_REFRESH = Duration.ofSeconds(1);

    private final ReportStore store;
    private final MarkdownReportRenderer markdown = new MarkdownReportRenderer();
    private final ReportJsonRenderer json = new ReportJsonRenderer();
    private final IndexRenderer index = new IndexRenderer();
    private final DeadLetterListingRenderer listing = new DeadLetterListingRenderer();
    private final CatalogReader catalog;
    private final PipelineMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    private final TransactionalConsumerLoop<AnalysisResult> loop;
    private final ScheduledExecutorService listingRefresh =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("chimera-report-dead-letters"));

    public ReportService(KafkaContext kafka, Path reportsDir, String groupId) {
        this(kafka, reportsDir, groupId, PipelineMetrics.none("report"));
    }

    public ReportService(KafkaContext kafka, Path reportsDir, String groupId, PipelineMetrics metrics) {
        this.store = new ReportStore(reportsDir);
        this.catalog = new CatalogReader(kafka, this::writeDeadLetters);
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
        listingRefresh.scheduleWithFixedDelay(this::refreshCatalog, 0, LISTING_REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
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
        Inventory inventory = catalog.inventory(facts.getFiles(), CATALOG_WAIT);
        List<RenderedChart> charts = ReportCharts.render(facts);
        ReportInput input = ReportInput.of(analysis, inventory,
                charts.stream().map(c -> new ChartLink(c.fileName(), c.title())).toList())
                .withDeadLettersLink(store.deadLettersLink());
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

    /** Reads what the catalog topics got since the last read; a failure waits for the next refresh. */
    private void refreshCatalog() {
        try {
            catalog.catchUp(CATALOG_WAIT);
        } catch (RuntimeException e) { // thrown out of a scheduled task, it would end the refreshes
            log.warn("file catalog not refreshed", e);
        }
    }

    /**
     * Rewrites dead-letters.md from {@code files}: the dead letters that still count, or no file when
     * none does (once the catalog has read everything, so that a listing is never removed early).
     * Called by the catalog, under its lock: one writer at a time.
     */
    private void writeDeadLetters(FileCatalog files, boolean complete) {
        List<DeadLetter> current = files.currentDeadLetters();
        if (current.isEmpty() && !complete) {
            return;
        }
        try {
            store.writeDeadLetters(current.isEmpty() ? Optional.empty()
                    : Optional.of(listing.render(current, files.supersededDeadLetters())));
        } catch (IOException | RuntimeException e) { // the listing never stops a report
            log.warn("dead-letter listing not written under {}: {}", store.root(), e.toString());
        }
    }

    @Override
    public void close() {
        loop.close();
        listingRefresh.shutdown();
        try {
            if (!listingRefresh.awaitTermination(CATALOG_WAIT.toSeconds() + 5, TimeUnit.SECONDS)) {
                log.warn("dead-letter listing refresh did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refreshCatalog(); // the last dead letters in the listing before the process ends
        catalog.close(); // after the loop and the refresh: both read it
    }
}
