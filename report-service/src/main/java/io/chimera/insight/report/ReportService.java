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
import io.chimera.insight.platform.kafka.read.ConfigMetricsView;
import io.chimera.insight.platform.ops.PipelineMetrics;
import io.chimera.insight.platform.service.ChimeraService;
import io.chimera.insight.platform.service.ServiceHealth;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.report.chart.RenderedChart;
import io.chimera.insight.report.chart.ReportCharts;
import io.chimera.insight.report.console.WebConsole;
import io.chimera.insight.report.inventory.CatalogReader;
import io.chimera.insight.report.inventory.FileCatalog;
import io.chimera.insight.report.inventory.Inventory;
import io.chimera.insight.report.render.ChartLink;
import io.chimera.insight.report.render.ConfigsCsvRenderer;
import io.chimera.insight.report.render.DeadLetterListingRenderer;
import io.chimera.insight.report.render.IndexRenderer;
import io.chimera.insight.report.render.MarkdownReportRenderer;
import io.chimera.insight.report.render.ReportInput;
import io.chimera.insight.report.render.ReportJsonRenderer;
import io.chimera.insight.report.store.ReportStore;
import io.chimera.insight.report.store.ReportStore.WrittenReport;
import java.io.IOException;
import java.nio.file.FileSystemException;
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
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns analysis results into reports on disk (Markdown, JSON, SVG charts, configs.csv) and announces each one
 * with a {@code reports} and a {@code generation-metrics} event, committed with the consumed offset
 * in one transaction. It also keeps {@code dead-letters.md} in the reports folder current: the
 * dead letters that still count, rewritten from its file catalog whenever the catalog reads new ones
 * (before each report, and every second between reports), and linked from each report's inventory.
 * A report the disk does not take (full, read-only, no permission) is announced at once with its
 * write error, kept (the latest per model) and written again every few seconds or on the model's
 * next analysis; meanwhile {@link #health()} says DEGRADED, naming it. Its {@link #console()} shows the
 * reports and the pipeline's meters to people in a browser.
 */
public final class ReportService implements ChimeraService {

    /** Where reports are written unless told otherwise, relative to the working directory. */
    public static final Path DEFAULT_REPORTS_DIR = Path.of("reports");

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);
    /** How long a report waits for the file events committed before it; past that it says the inventory may lag. */
    private static final Duration CATALOG_WAIT = Duration.ofSeconds(10);
    /** How long a report waits for {@code config-metrics} to be read to its end before the loop tries it again. */
    private static final Duration CONFIGS_WAIT = Duration.ofSeconds(10);
    /** How often the catalog is read between reports, so that the dead-letter listing follows the topic. */
    private static final Duration LISTING_REFRESH = Duration.ofSeconds(1);
    /** How often reports that could not be written (full disk, no permission) are tried again. */
    private static final Duration WRITE_RETRY = Duration.ofSeconds(5);
    /** Every file a report may write beside latest.md, so one that no longer applies is removed. */
    private static final List<String> BESIDE_FILE_NAMES = java.util.stream.Stream.concat(
            ReportCharts.FILE_NAMES.stream(), java.util.stream.Stream.of(ConfigsCsvRenderer.FILE)).toList();

    private final ReportStore store;
    private final MarkdownReportRenderer markdown = new MarkdownReportRenderer();
    private final ReportJsonRenderer json = new ReportJsonRenderer();
    private final IndexRenderer index = new IndexRenderer();
    private final DeadLetterListingRenderer listing = new DeadLetterListingRenderer();
    private final CatalogReader catalog;
    /** The results' configurations, read by the loop's thread. */
    private final ConfigMetricsView configs;
    private final PipelineMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    private final TransactionalConsumerLoop<AnalysisResult> loop;
    private final KafkaContext kafka;
    /** Reports whose write failed, by model; guarded by itself, which also makes writes one at a time. */
    private final Map<String, FailedWrite> pending = new LinkedHashMap<>();
    private Producer<byte[], byte[]> retryProducer; // guarded by this; made at the first retried write
    /** The web console over this service's reports folder and meters, mounted on its HTTP port by the caller. */
    private final WebConsole console;
    private final ScheduledExecutorService listingRefresh =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("chimera-report-dead-letters"));

    public ReportService(KafkaContext kafka, Path reportsDir, String groupId) {
        this(kafka, reportsDir, groupId, PipelineMetrics.none("report"));
    }

    public ReportService(KafkaContext kafka, Path reportsDir, String groupId, PipelineMetrics metrics) {
        this.store = new ReportStore(reportsDir);
        this.kafka = kafka;
        this.catalog = new CatalogReader(kafka, this::writeDeadLetters);
        this.configs = ConfigMetricsView.of(kafka, "chimera-report-configs");
        this.metrics = metrics;
        this.console = new WebConsole(store.root(), metrics.registry());
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
        console.start();
        listingRefresh.scheduleWithFixedDelay(this::refreshCatalog, 0, LISTING_REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
        listingRefresh.scheduleWithFixedDelay(this::retryPendingWrites, WRITE_RETRY.toMillis(),
                WRITE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The web console: pages over this service's reports and the meters of its registry (in local mode
     * every service's). Served where the caller mounts it, beside /metrics and /health.
     */
    public WebConsole console() {
        return console;
    }

    /** The consumer loop runs and the reports folder takes writes. */
    @Override
    public boolean isRunning() {
        return loop.isRunning() && store.isWritable();
    }

    /**
     * DOWN when the reports folder takes no writes; else the loop's health when it is not UP (DEGRADED
     * while its commits fail); else DEGRADED while reports wait to be written, naming each and why.
     */
    @Override
    public ServiceHealth health() {
        if (!store.isWritable()) {
            return ServiceHealth.down("the reports folder takes no writes");
        }
        ServiceHealth health = loop.health();
        if (health.state() != ServiceHealth.State.UP) {
            return health;
        }
        synchronized (pending) {
            if (pending.isEmpty()) {
                return health;
            }
            return ServiceHealth.degraded(pending.size() + " report(s) not written: " + pending.values().stream()
                    .map(failed -> failed.report().model() + ": " + failed.error())
                    .collect(Collectors.joining("; ")));
        }
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
        // Every renderer sees every configuration: read from config-metrics, committed by the aggregation
        // with the request this result answers (see ConfigMetricsView). A read that does not get to the
        // end throws TopicReadException: the loop waits and reads the result again. (The record is this
        // handler's own, decoded for it.)
        ModelMetrics facts = configs.complete(analysis.getMetrics(), CONFIGS_WAIT).metrics();
        analysis.setMetrics(facts);
        String model = facts.getModel();
        Inventory inventory = catalog.inventory(facts.getFiles(), CATALOG_WAIT);
        List<RenderedChart> charts = ReportCharts.render(facts);
        ReportInput input = ReportInput.of(analysis, inventory,
                charts.stream().map(c -> new ChartLink(c.fileName(), c.title())).toList())
                .withDeadLettersLink(store.deadLettersLink());
        Map<String, String> beside = new LinkedHashMap<>();
        charts.forEach(chart -> beside.put(chart.fileName(), chart.svg()));
        ConfigsCsvRenderer.render(facts).ifPresent(csv -> beside.put(ConfigsCsvRenderer.FILE, csv));
        PendingWrite report = new PendingWrite(analysis, markdown.render(input), json.render(input), beside,
                clock.instant());
        WrittenReport written;
        try {
            written = write(report);
        } catch (IOException e) {
            String error = failed(report, e);
            outbox.send(Topics.REPORTS, model, ReportEvents.writeFailed(UUID.randomUUID().toString(), analysis,
                    store.folderOf(model), error, clock.instant()));
            return; // the offset is committed; the retry writes it, or the model's next analysis does
        }
        Announcement announced = announce(analysis, written);
        outbox.send(Topics.REPORTS, model, announced.report());
        outbox.send(Topics.GENERATION_METRICS, model, announced.generation());
        outbox.afterCommit(() -> metrics.reportWritten(announced.report().getStatus(), announced.lag()));
    }

    /**
     * A rendered report waiting for the disk: the latest per model only (a newer analysis replaces
     * it), so what is kept is bounded by the number of models.
     */
    private record PendingWrite(AnalysisResult analysis, String markdown, String json, Map<String, String> beside,
                                Instant at) {

        String model() {
            return analysis.getMetrics().getModel();
        }
    }

    /** A pending write and why its last attempt failed. */
    private record FailedWrite(PendingWrite report, String error) {
    }

    /** The events that announce a written report, and its end-to-end lag for the histogram. */
    private record Announcement(ReportGenerated report, GenerationMetrics generation, Duration lag) {
    }

    /**
     * Writes the report and the index; on success the model has no pending write any more (a newer
     * report supersedes an older failed one). One writer at a time: the loop and the retry both write.
     */
    private WrittenReport write(PendingWrite report) throws IOException {
        synchronized (pending) {
            WrittenReport written = store.write(report.model(), report.markdown(), report.json(), report.beside(),
                    BESIDE_FILE_NAMES, report.at());
            store.writeIndex(index.render(ReportIndex.read(store.root())));
            pending.remove(report.model());
            return written;
        }
    }

    /** Keeps {@code report} for the retry and says why it failed, once in the log; returns the reason. */
    private String failed(PendingWrite report, IOException e) {
        String error = describe(e);
        synchronized (pending) {
            FailedWrite before = pending.put(report.model(), new FailedWrite(report, error));
            if (before == null || !before.error().equals(error)) {
                log.warn("report for {} not written under {}: {}; retried every {} s and on its next analysis",
                        report.model(), store.folderOf(report.model()), error, WRITE_RETRY.toSeconds());
            }
        }
        return error;
    }

    /** The error as a reader needs it: what kind, and the file (or the system's words) it names. */
    private static String describe(IOException e) {
        String what = e instanceof FileSystemException fs && fs.getReason() != null
                ? fs.getFile() + ": " + fs.getReason()
                : e.getMessage();
        return e.getClass().getSimpleName() + (what == null ? "" : " " + what);
    }

    /** Announces a written report, logs it and returns its events. */
    private Announcement announce(AnalysisResult analysis, WrittenReport written) {
        Instant writtenAt = clock.instant();
        String reportId = UUID.randomUUID().toString();
        ReportGenerated report = ReportEvents.reportGenerated(reportId, analysis, written, writtenAt);
        GenerationMetrics generation = ReportEvents.generationMetrics(reportId, analysis, writtenAt);
        log.info("report for {} written to {} ({} runs, {}, {} file(s) rewritten)", report.getModel(),
                written.markdown(), report.getRuns(), analysis.getStatus(), written.written().size());
        return new Announcement(report, generation, ReportEvents.endToEndLag(analysis, writtenAt).orElse(null));
    }

    /**
     * Tries the pending writes again; each one written is announced as the loop would have (its
     * offset is long committed, so by a producer of its own, outside any transaction).
     */
    private void retryPendingWrites() {
        List<FailedWrite> due;
        synchronized (pending) {
            due = List.copyOf(pending.values());
        }
        for (FailedWrite failed : due) {
            PendingWrite report = failed.report();
            WrittenReport written;
            synchronized (pending) {
                if (pending.get(report.model()) != failed) {
                    continue; // written or replaced meanwhile
                }
                try {
                    written = write(report);
                } catch (IOException e) {
                    failed(report, e);
                    continue;
                }
            }
            try {
                log.info("report for {} written on retry", report.model());
                Announcement announced = announce(report.analysis(), written);
                publish(Topics.REPORTS, report.model(), announced.report());
                publish(Topics.GENERATION_METRICS, report.model(), announced.generation());
                metrics.reportWritten(announced.report().getStatus(), announced.lag());
            } catch (RuntimeException e) { // thrown out of a scheduled task, it would end the retries
                log.warn("report for {} not announced after its retried write", report.model(), e);
            }
        }
    }

    private <V> void publish(Topic<V> topic, String key, V value) {
        String name = kafka.names().of(topic);
        retryProducer().send(new ProducerRecord<>(name, kafka.serdes().key().serializer().serialize(name, key),
                kafka.serdes().value(topic).serializer().serialize(name, value)), (meta, error) -> {
                    if (error != null) {
                        log.warn("{} event for {} not published after its retried write", name, key, error);
                    }
                });
    }

    private synchronized Producer<byte[], byte[]> retryProducer() {
        if (retryProducer == null) {
            retryProducer = new KafkaProducer<>(kafka.settings().producerProps("chimera-report-retry"));
        }
        return retryProducer;
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
        console.close();
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
        configs.close();
        synchronized (this) {
            if (retryProducer != null) {
                retryProducer.close(CATALOG_WAIT);
            }
        }
        synchronized (pending) {
            pending.values().forEach(failed -> log.warn("report for {} still not written: {}",
                    failed.report().model(), failed.error()));
        }
    }
}
