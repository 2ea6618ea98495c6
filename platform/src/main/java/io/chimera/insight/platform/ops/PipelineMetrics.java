package io.chimera.insight.platform.ops;

import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.events.ReportStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipeline's own meters, as {@code deploy/METRICS.md} names them (the Grafana dashboard queries
 * these names and labels; change them there too). Every meter carries {@code service}, so the
 * services of one process (local mode) stay apart on one {@code /metrics}.
 *
 * <p>Counters count committed work: call them after the transaction that published the work
 * committed. Thread-safe.
 */
public final class PipelineMetrics {

    /** The label every Chimera meter carries. */
    public static final String SERVICE = "service";

    static final String FILES = "chimera.ingest.files";
    static final String RUNS = "chimera.ingest.runs";
    static final String DEAD_LETTERS = "chimera.dead.letters";
    static final String LLM_TTFT = "chimera.llm.ttft";
    static final String LLM_TOKENS_PER_SECOND = "chimera.llm.tokens.per.second";
    static final String LLM_INFLIGHT = "chimera.llm.inflight";
    static final String REPORT_LAG = "chimera.report.lag";
    static final String REPORTS_WRITTEN = "chimera.reports.written";
    static final String PERFORMANCE_CHANGES = "chimera.performance.changes";

    /** Buckets of the tokens/s histogram: a summary's default histogram has hundreds. */
    private static final double[] TOKENS_PER_SECOND_BUCKETS =
            {1, 5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 1000};

    /** The dead-letter stages each service can produce, registered at zero so dashboards see them from the start. */
    private static final Map<String, List<String>> STAGES_BY_SERVICE = Map.of(
            "ingest", List.of("ingest.read", "ingest.parse", "ingest.normalise"),
            "aggregate", List.of("aggregate.decode"),
            "analyze", List.of("analysis"),
            "report", List.of("report"));

    private final MeterRegistry registry;
    private final String service;
    private final boolean exported;
    private final Map<String, AtomicInteger> inflight = new ConcurrentHashMap<>();

    private PipelineMetrics(MeterRegistry registry, String service, boolean exported) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.service = Objects.requireNonNull(service, "service");
        this.exported = exported;
    }

    /** The meters of {@code service} in {@code registry}, with the series the service always exposes at zero. */
    public static PipelineMetrics of(MeterRegistry registry, String service) {
        PipelineMetrics metrics = new PipelineMetrics(registry, service, true);
        metrics.registerServiceSeries();
        return metrics;
    }

    /** Meters nobody scrapes: for tests and for code run without an ops endpoint. */
    public static PipelineMetrics none(String service) {
        return new PipelineMetrics(new SimpleMeterRegistry(), service, false);
    }

    public String service() {
        return service;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Whether anything reads these meters; {@link KafkaMeters} binds no client otherwise. */
    public boolean exported() {
        return exported;
    }

    private void registerServiceSeries() {
        STAGES_BY_SERVICE.getOrDefault(service, List.of()).forEach(stage -> deadLetterCounter(stage));
        switch (service) {
            case "ingest" -> {
                for (FileStatus status : FileStatus.values()) {
                    filesCounter(status);
                }
                runsCounter("ok");
                runsCounter("failed");
            }
            case "report" -> {
                for (ReportStatus status : ReportStatus.values()) {
                    reportsCounter(status);
                }
                lagTimer();
            }
            case "aggregate" -> {
                for (ChangeEventKind kind : ChangeEventKind.values()) {
                    for (ChangeDirection direction : ChangeDirection.values()) {
                        changesCounter(kind, direction);
                    }
                }
            }
            default -> {
                // analyze: its other series are per worker or bound from the Kafka clients
            }
        }
    }

    /** A benchmark file was published (its transaction committed) with this status. */
    public void fileIngested(FileStatus status) {
        filesCounter(status).increment();
    }

    /** Runs published: {@code ok} successful, {@code failed} reported with an error by the rig. */
    public void runsIngested(long ok, long failed) {
        if (ok > 0) {
            runsCounter("ok").increment(ok);
        }
        if (failed > 0) {
            runsCounter("failed").increment(failed);
        }
    }

    /** A record went to the dead-letter topic from {@code stage} ({@code DeadLetter.stage}). */
    public void deadLetter(String stage) {
        deadLetterCounter(stage).increment();
    }

    /** Several dead letters, one stage each. */
    public void deadLetters(Collection<String> stages) {
        stages.forEach(this::deadLetter);
    }

    /** Registers a worker's series at zero, so an idle endpoint shows on the dashboard too. */
    public void worker(String worker) {
        ttftTimer(worker);
        tokensPerSecond(worker);
        inflightOf(worker);
    }

    /**
     * One narrative call to {@code worker} ended.
     *
     * @param ttft       time to the first non-empty chunk at the client; null when none came
     * @param tokensPerS {@code eval_count / eval_duration} of the final chunk; null when unknown
     */
    public void llmCall(String worker, Duration ttft, Double tokensPerS) {
        if (ttft != null) {
            ttftTimer(worker).record(ttft);
        }
        if (tokensPerS != null && Double.isFinite(tokensPerS) && tokensPerS >= 0) {
            tokensPerSecond(worker).record(tokensPerS);
        }
    }

    /** Counts a call to {@code worker} as running until the returned handle is closed. */
    public InFlight inflight(String worker) {
        AtomicInteger running = inflightOf(worker);
        running.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                running.decrementAndGet();
            }
        };
    }

    /**
     * A report was written with {@code status}.
     *
     * @param lag from the ingest time of the oldest run it covers to the report written; null when
     *            that ingest time is unknown
     */
    public void reportWritten(ReportStatus status, Duration lag) {
        reportsCounter(status).increment();
        if (lag != null && !lag.isNegative()) {
            lagTimer().record(lag);
        }
    }

    /**
     * A {@code performance-changes} event was emitted: a detected change ({@code CHANGE}) or the
     * retraction of one, by the change's direction. Counted when the aggregation forwards it, which
     * a task that aborts its transaction does again after its restore: at least once, where
     * consumers see it exactly once.
     */
    public void performanceChange(ChangeEventKind kind, ChangeDirection direction) {
        changesCounter(kind, direction).increment();
    }

    private Counter filesCounter(FileStatus status) {
        return Counter.builder(FILES).description("Benchmark files published, by file status")
                .tags(SERVICE, service, "status", status.name()).register(registry);
    }

    private Counter runsCounter(String outcome) {
        return Counter.builder(RUNS).description("Benchmark runs published, by outcome")
                .tags(SERVICE, service, "outcome", outcome).register(registry);
    }

    private Counter deadLetterCounter(String stage) {
        return Counter.builder(DEAD_LETTERS).description("Records sent to the dead-letter topic, by stage")
                .tags(SERVICE, service, "stage", stage).register(registry);
    }

    private Timer ttftTimer(String worker) {
        return Timer.builder(LLM_TTFT).description("Time to first token of a narrative call, at the client")
                .tags(SERVICE, service, "worker", worker)
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(120)).register(registry);
    }

    private DistributionSummary tokensPerSecond(String worker) {
        return DistributionSummary.builder(LLM_TOKENS_PER_SECOND)
                .description("Generation throughput of a narrative call "
                        + "(tokens generated / generation time, from the worker's final chunk)")
                .tags(SERVICE, service, "worker", worker)
                .serviceLevelObjectives(TOKENS_PER_SECOND_BUCKETS).register(registry);
    }

    private AtomicInteger inflightOf(String worker) {
        return inflight.computeIfAbsent(worker, w -> {
            AtomicInteger running = new AtomicInteger();
            // The map keeps the value strongly reachable: a gauge only holds it weakly.
            Gauge.builder(LLM_INFLIGHT, running, AtomicInteger::get)
                    .description("LLM calls running now on the worker")
                    .tags(SERVICE, service, "worker", w).register(registry);
            return running;
        });
    }

    private Counter reportsCounter(ReportStatus status) {
        return Counter.builder(REPORTS_WRITTEN).description("Report files written (latest.md), by report status")
                .tags(SERVICE, service, "status", status.name()).register(registry);
    }

    private Counter changesCounter(ChangeEventKind kind, ChangeDirection direction) {
        return Counter.builder(PERFORMANCE_CHANGES)
                .description("performance-changes events: detected changes and retractions, by direction")
                .tags(SERVICE, service, "kind", kind.name(), "direction", direction.name()).register(registry);
    }

    private Timer lagTimer() {
        return Timer.builder(REPORT_LAG)
                .description("Ingest time of the oldest run a report covers to the report written")
                .tags(SERVICE, service)
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(30)).register(registry);
    }
}
