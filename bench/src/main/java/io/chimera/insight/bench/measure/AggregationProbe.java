package io.chimera.insight.bench.measure;

import io.chimera.insight.analysis.aggregate.AggregationSettings;
import io.chimera.insight.bench.kafka.GroupProgress;
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

    /** Starts the pipeline's aggregation and returns the time it took to commit past every record. */
    public static Duration run(BenchPipeline pipeline, AggregationSettings settings, Duration timeout,
                               LongConsumer onCommitted) throws TimeoutException, InterruptedException {
        try (GroupProgress progress = new GroupProgress(pipeline.settings())) {
            String applicationId = pipeline.names().prefix() + "aggregate";
            pipeline.startAggregation(settings);
            long start = System.nanoTime();
            long caughtUp = progress.awaitCaughtUp(applicationId, pipeline.names().of(Topics.BENCHMARK_RUNS),
                    Duration.ofMillis(20), timeout, onCommitted);
            pipeline.requireRunning();
            return Duration.ofNanos(caughtUp - start);
        }
    }
}
