package io.chimera.insight.bench.measure;

import io.chimera.insight.aggregate.AggregationService;
import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.bench.kafka.GroupProgress;
import io.chimera.insight.bench.result.CpuClock;
import io.chimera.insight.bench.result.PerRunCost;
import io.chimera.insight.bench.result.ThreadCpu;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.platform.topics.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.SortedMap;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The aggregation (Kafka Streams, exactly_once_v2) working through a {@code benchmark-runs} topic
 * that ingest already filled: the clock starts when the application is RUNNING (its global file
 * catalog loaded, its tasks assigned) and stops when its committed offsets cover every record.
 */
public final class AggregationProbe {

    private AggregationProbe() {
    }

    /**
     * How long the aggregation took to commit past every record, the process's CPU time meanwhile,
     * and the CPU time of the application's stream threads alone (they do its processing, store
     * writes and commits; Kafka's own threads, the broker's included, are not counted). CPU time,
     * unlike the elapsed time, hardly moves when other processes load the machine: a thread waiting
     * for a core uses none. Beside them, the records its producers sent to its stores' changelogs
     * ({@link ChangelogWrites}), a count, in all and per store. And the JVM's own work meanwhile
     * ({@code jvm}: its JIT's and collector's cores; {@link #jvmWork}): a run whose JIT was still
     * compiling measured the warm-up, and one that met a full collection measured the heap the runs
     * before it left.
     */
    public record Result(Duration elapsed, long cpuNanos, long streamThreadNanos, long changelogRecords,
                         SortedMap<String, Long> changelogPerStore, Emissions emissions, ThreadCpu.Usage jvm) {

        public Result(Duration elapsed, long cpuNanos, long streamThreadNanos, long changelogRecords,
                      SortedMap<String, Long> changelogPerStore, ThreadCpu.Usage jvm) {
            this(elapsed, cpuNanos, streamThreadNanos, changelogRecords, changelogPerStore, Emissions.NONE, jvm);
        }

        /** Its CPU, the stream threads' and wall time per run, over {@code runs} runs. */
        public PerRunCost costPerRun(long runs) {
            return PerRunCost.of(cpuNanos, elapsed, runs).withStreamThreads(streamThreadNanos, runs);
        }

        /** "1.87 cores busy" while it ran, or an empty string. */
        public String coresBusy() {
            return CpuClock.busy(cpuNanos, elapsed.toNanos());
        }
    }

    /**
     * What the aggregation emitted while it was timed: {@code model-metrics} records (a busy model's
     * refreshes and one per due model) and analysis requests (one per due model, each after its
     * evaluation when detection is on). Their number follows the emission clock, not the records.
     */
    public record Emissions(long modelMetrics, long analysisRequests) {
        static final Emissions NONE = new Emissions(0, 0);
    }

    /** Starts the pipeline's aggregation and measures how long it takes to commit past every record. */
    public static Result run(BenchPipeline pipeline, AggregationSettings settings, Duration timeout,
                               LongConsumer onCommitted) throws TimeoutException, InterruptedException {
        return measure(pipeline, pipeline.startAggregation(settings), timeout, onCommitted);
    }

    /**
     * Measures an aggregation already running on the pipeline, the same way as {@link #run}, from now until it
     * has committed past every record its input holds now: the runs ingest published while it was paused
     * ({@link KafkaStreams#pause()}), once it is resumed, into the state it already holds.
     */
    public static Result resume(BenchPipeline pipeline, AggregationService service, Duration timeout,
                                LongConsumer onCommitted) throws TimeoutException, InterruptedException {
        try (GroupProgress progress = new GroupProgress(pipeline.settings())) {
            return measure(pipeline, service, progress, timeout, onCommitted, () -> service.streams().resume());
        }
    }

    /**
     * Measures an aggregation the caller started ({@link BenchPipeline#startAggregation}), as {@link #run} does:
     * for a caller that needs the running service afterwards (to pause it and measure it again, {@link #resume}).
     */
    public static Result measure(BenchPipeline pipeline, AggregationService service, Duration timeout,
                                 LongConsumer onCommitted) throws TimeoutException, InterruptedException {
        try (GroupProgress progress = new GroupProgress(pipeline.settings())) {
            return measure(pipeline, service, progress, timeout, onCommitted, () -> { });
        }
    }

    private static Result measure(BenchPipeline pipeline, AggregationService service, GroupProgress progress,
                                  Duration timeout, LongConsumer onCommitted, Runnable go)
            throws TimeoutException, InterruptedException {
        String applicationId = pipeline.names().prefix() + "aggregate";
        try (ThreadCpu jvm = jvmWork()) {
            long start = System.nanoTime();
            long cpuStart = CpuClock.processNanos();
            long streamStart = streamThreadNanos(applicationId);
            go.run();
            long caughtUp = progress.awaitCaughtUp(applicationId, pipeline.names().of(Topics.BENCHMARK_RUNS),
                    Duration.ofMillis(20), timeout, onCommitted);
            long cpu = CpuClock.since(cpuStart);
            long stream = streamThreadNanos(applicationId) - streamStart;
            ThreadCpu.Usage jvmUsage = jvm.stop();
            pipeline.requireRunning();
            var metrics = service.streams().metrics();
            return new Result(Duration.ofNanos(caughtUp - start), cpu, stream, ChangelogWrites.sent(metrics),
                    ChangelogWrites.perStore(metrics, applicationId),
                    new Emissions(ChangelogWrites.sentTo(metrics, pipeline.names().of(Topics.MODEL_METRICS)),
                            ChangelogWrites.sentTo(metrics, pipeline.names().of(Topics.ANALYSIS_REQUESTS))),
                    jvmUsage);
        }
    }

    /**
     * Starts counting the JVM's JIT and collector cores for a timed run: sampled at its start and its
     * stop only, as those threads live for the whole run and a sample every 100 ms (every thread's CPU
     * time and /proc entry read, with the allocations that takes) would load the run it measures.
     */
    public static ThreadCpu jvmWork() {
        return ThreadCpu.start(Duration.ofDays(1));
    }

    /**
     * CPU time so far of the live stream threads of Kafka Streams application {@code applicationId}
     * (named {@code <application id>-<client id>-StreamThread-<n>}; its global thread and its clients'
     * network threads are left out).
     */
    public static long streamThreadNanos(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(applicationId)
                    && info.getThreadName().contains("-StreamThread-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }
}
