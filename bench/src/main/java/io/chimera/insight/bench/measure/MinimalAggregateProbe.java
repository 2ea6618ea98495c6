package io.chimera.insight.bench.measure;

import io.chimera.insight.aggregate.AggregationService;
import io.chimera.insight.aggregate.topology.AggregationTopology;
import io.chimera.insight.bench.kafka.GroupProgress;
import io.chimera.insight.bench.kafka.MinimalAggregate;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.result.CpuClock;
import io.chimera.insight.bench.result.ThreadCpu;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import io.chimera.insight.platform.kafka.TopicCreation;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The aggregation's yardstick, {@link MinimalAggregate}, on the benchmark-runs topic ingest filled,
 * with the aggregation service's own Streams configuration ({@link AggregationService#streamsProps}),
 * store kind ({@link AggregationService#STORE_KIND}) and caching, and timed as
 * {@link AggregationProbe} times the aggregation: from RUNNING until its committed offsets cover
 * every record.
 */
public final class MinimalAggregateProbe {

    private MinimalAggregateProbe() {
    }

    /**
     * Runs the minimal aggregate over {@code pipeline}'s benchmark-runs, in a group of its own, with
     * {@code streamThreads} stream threads (the aggregation's, {@code AggregationSettings.streamThreads}).
     */
    public static AggregationProbe.Result run(BenchPipeline pipeline, Path stateDir, int partitions, int streamThreads,
                                              Duration timeout, LongConsumer onCommitted)
            throws TimeoutException, InterruptedException, ExecutionException {
        KafkaContext kafka = pipeline.kafka();
        String applicationId = pipeline.names().prefix() + "minimal-aggregate";
        String input = pipeline.names().of(Topics.BENCHMARK_RUNS);
        String output = applicationId + "-out";
        try (Admin admin = Admin.create(kafka.settings().adminProps())) {
            TopicCreation.create(admin, List.of(new NewTopic(output, partitions, (short) 1)));
        }
        CountDownLatch running = new CountDownLatch(1);
        try (GroupProgress progress = new GroupProgress(kafka.settings());
             KafkaStreams streams = new KafkaStreams(MinimalAggregate.topology(input, output, kafka.serdes().key(),
                     kafka.serdes().value(Topics.BENCHMARK_RUNS),
                     AggregationTopology.supplier(AggregationService.STORE_KIND, MinimalAggregate.STORE)),
                     AggregationService.streamsProps(kafka, applicationId, stateDir, 0, streamThreads))) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            streams.start();
            if (!running.await(60, TimeUnit.SECONDS)) {
                throw new TimeoutException("the minimal aggregate was not RUNNING after 60 s: " + streams.state());
            }
            try (ThreadCpu jvm = AggregationProbe.jvmWork()) {
                long start = System.nanoTime();
                long cpuStart = CpuClock.processNanos();
                long streamStart = AggregationProbe.streamThreadNanos(applicationId);
                long caughtUp = progress.awaitCaughtUp(applicationId, input, Duration.ofMillis(20), timeout,
                        onCommitted);
                long cpu = CpuClock.since(cpuStart);
                long stream = AggregationProbe.streamThreadNanos(applicationId) - streamStart;
                ThreadCpu.Usage jvmUsage = jvm.stop();
                if (!streams.state().isRunningOrRebalancing()) {
                    throw new IllegalStateException("the minimal aggregate stopped: " + streams.state());
                }
                return new AggregationProbe.Result(Duration.ofNanos(caughtUp - start), cpu, stream,
                        ChangelogWrites.sent(streams.metrics()),
                        ChangelogWrites.perStore(streams.metrics(), applicationId), jvmUsage);
            }
        }
    }
}
