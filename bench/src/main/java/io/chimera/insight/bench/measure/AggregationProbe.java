package io.chimera.insight.bench.measure;

import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.bench.kafka.GroupProgress;
import io.chimera.insight.bench.result.CpuClock;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * The aggregation (Kafka Streams, exactly_once_v2) working through a {@code benchmark-runs} topic
 * that ingest already filled: the clock starts when the application is RUNNING (its global file
 * catalog loaded, its tasks assigned) and stops when its committed offsets cover every record.
 */
public final class AggregationProbe {

    private AggregationProbe() {
    }

    /** How long the aggregation took to commit past every record, and the process's CPU time meanwhile. */
    public record Result(Duration elapsed, long cpuNanos) {

        /** "1.87 cores busy" while it ran, or an empty string. */
        public String coresBusy() {
            return CpuClock.busy(cpuNanos, elapsed.toNanos());
        }
    }

    /** Starts the pipeline's aggregation and measures how long it takes to commit past every record. */
    public static Result run(BenchPipeline pipeline, AggregationSettings settings, Duration timeout,
                               LongConsumer onCommitted) throws TimeoutException, InterruptedException {
        try (GroupProgress progress = new GroupProgress(pipeline.settings())) {
            String applicationId = pipeline.names().prefix() + "aggregate";
            pipeline.startAggregation(settings);
            long start = System.nanoTime();
            long cpuStart = CpuClock.processNanos();
            long caughtUp = progress.awaitCaughtUp(applicationId, pipeline.names().of(Topics.BENCHMARK_RUNS),
                    Duration.ofMillis(20), timeout, onCommitted);
            long cpu = CpuClock.since(cpuStart);
            pipeline.requireRunning();
            return new Result(Duration.ofNanos(caughtUp - start), cpu);
        }
    }
}
