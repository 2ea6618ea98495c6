package io.chimera.insight.bench;

import io.chimera.insight.bench.kafka.GroupProgress;
import io.chimera.insight.bench.kafka.RawProducer;
import io.chimera.insight.bench.kafka.RawTransformLoop;
import io.chimera.insight.bench.kafka.RecordTape;
import io.chimera.insight.bench.kafka.Throughput;
import io.chimera.insight.bench.measure.WarmUp;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.result.Figure;
import io.chimera.insight.bench.result.Units;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import io.chimera.insight.platform.kafka.TopicCreation;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The raw Kafka clients the pipeline is compared with, measured on the same broker in the same run:
 * a plain producer sending the records ingest sends (half of ingest's shared-CPU limit), and a
 * transactional consume-transform-produce loop over the benchmark-runs records (informative). After
 * one warm-up, each repeat is measured by the caller beside the figure it judges
 * ({@code ThroughputSteps}: paired repeats), {@value #REPEATS} times.
 */
final class RawLimits {

    /** Prefix of the names the tape is recorded under; replays rename it to a repeat's own topics. */
    static final String TAPE_PREFIX = "bench.tape.";
    static final int REPEATS = 3;
    /** Records the raw clients send and copy before they are measured, so the JIT has compiled their paths. */
    private static final long WARM_UP_RECORDS = 20_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final byte[] PRIMER_KEY = "bench-primer".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final BenchContext ctx;
    private final BenchProgress progress;
    /** The topic prefix each producer repeat filled, in order: the loop's repeats read them. */
    private final List<String> filled = new ArrayList<>();

    RawLimits(BenchContext ctx) {
        this.ctx = ctx;
        this.progress = ctx.progress();
    }

    /**
     * Sends (and copies) records until the JIT has compiled the raw clients' paths; nothing of it is
     * measured.
     */
    void warmUp(RecordTape tape) throws Exception {
        progress.begin("warming up the raw producer and loop (not measured)");
        Throughput warm = send(tape, "bench.warm.", WARM_UP_RECORDS);
        copy("bench.warm.");
        WarmUp<Throughput> passes = WarmUp.run(
                pass -> sendRetryingOnce(tape, "bench.warm" + pass + ".", new ArrayList<>()), Throughput::threads);
        progress.result("sent and copied " + Units.count(warm.records()) + " records, then sent the tape "
                + passes.count() + " times (JIT " + Units.decimal(passes.lastJit()) + " cores in the last)");
        ctx.note(passes.describe("Raw producer warm-up: the whole tape sent", Throughput::recordsPerSecond));
    }

    /** Repeat {@code repeat} of the raw producer: the whole tape to topics of its own, which {@link #copy} reads. */
    Throughput send(RecordTape tape, int repeat) throws Exception {
        Throughput sent = sendRetryingOnce(tape, rawPrefix(repeat), filled);
        progress.update("repeat " + repeat + ": raw producer " + Units.rate(sent.recordsPerSecond(), "records"));
        return sent;
    }

    /** Repeat {@code repeat} of the raw loop: copies the benchmark-runs records that {@link #send} repeat sent. */
    Throughput copy(int repeat) throws Exception {
        Throughput copied = copy(filled.get(repeat - 1));
        progress.update("repeat " + repeat + ": raw loop " + Units.rate(copied.recordsPerSecond(), "records"));
        return copied;
    }

    /** The raw producer's row: the median of its repeats. */
    Throughput reportProducer(List<Throughput> sends) {
        Throughput producer = median(sends);
        ctx.note("Raw producer, the median repeat, cores by thread: " + producer.threads().describe(6) + ".");
        ctx.add(Figure.info("raw producer (idempotent, acks=all, lz4, linger 5 ms, 128 KiB batches): the records "
                        + "ingest sends; median of " + sends.size(),
                Units.rate(producer.recordsPerSecond(), "records") + " ("
                        + Units.decimal(producer.megabytesPerSecond()) + " MB/s; repeats " + rates(sends) + "; "
                        + producer.coresBusy() + ")"));
        ctx.note("Raw limits: each repeat sends to (and copies from) topics of its own, created and primed with one "
                + "record each before the clock starts; the producer uses the ingest publisher's client settings "
                + "(idempotent, acks=all, lz4, linger 5 ms, 128 KiB batches) without transactions; the loop commits "
                + "one transaction per poll (max.poll.records 500) and copies records unchanged.");
        return producer;
    }

    /** The raw loop's row, informative: it waits on its commits, so it is no limit of the aggregation. */
    Throughput reportLoop(List<Throughput> copies) {
        Throughput loop = median(copies);
        ctx.add(Figure.info("raw consume-transform-produce loop (read_committed, one transaction per poll): the "
                        + "benchmark-runs records; median of " + copies.size() + " (informative: it waits on its "
                        + "commits)",
                Units.rate(loop.recordsPerSecond(), "records") + " (repeats " + rates(copies) + "; "
                        + loop.coresBusy() + ")"));
        return loop;
    }

    private static String rawPrefix(int repeat) {
        return "bench.raw" + repeat + ".";
    }

    /**
     * Sends the whole tape and adds the prefix of the topics it filled to {@code filled}; a send
     * that fails is noted and made again once, to fresh topics (on
     * Kafka 4.1.1 an idempotent producer flooding a new topic now and then gets stuck in
     * OutOfOrderSequence rejections until its batches expire).
     */
    private Throughput sendRetryingOnce(RecordTape tape, String prefix, List<String> filled) throws Exception {
        try {
            Throughput sent = send(tape, prefix, Long.MAX_VALUE);
            filled.add(prefix);
            return sent;
        } catch (IllegalStateException e) {
            ctx.note("A raw producer repeat failed and was made again on fresh topics: " + e.getMessage());
            String fresh = prefix.substring(0, prefix.length() - 1) + "b.";
            Throughput sent = send(tape, fresh, Long.MAX_VALUE);
            filled.add(fresh);
            return sent;
        }
    }

    /**
     * Sends the tape's first {@code limit} records to the topics under {@code prefix}, created and
     * primed first (one empty record each, acknowledged): an idempotent producer flooding a topic
     * created a moment before can get stuck in OutOfOrderSequence rejections on Kafka 4.1.1 (see
     * docs/benchmarks.md), and topic creation is no part of the limit anyway.
     */
    private Throughput send(RecordTape tape, String prefix, long limit) throws Exception {
        try (BenchPipeline topics = ctx.pipeline(prefix)) {
            TopicNames names = topics.names();
            List<String> all = Topics.all().stream().map(names::of).toList();
            try (KafkaProducer<byte[], byte[]> primer = new KafkaProducer<>(ctx.kafka().producerProps("bench-primer"))) {
                for (String topic : all) {
                    primer.send(new ProducerRecord<>(topic, PRIMER_KEY, new byte[0])).get(); // keyed: some are compacted
                }
            }
            return new RawProducer(ctx.kafka()).send(tape, limit,
                    topic -> prefix + topic.substring(TAPE_PREFIX.length()), all, sent -> { });
        }
    }

    /** Copies every record of the benchmark-runs topic under {@code prefix} (the primer's included). */
    private Throughput copy(String prefix) throws Exception {
        String input = prefix + Topics.BENCHMARK_RUNS.baseName();
        long records;
        try (GroupProgress offsets = new GroupProgress(ctx.kafka())) {
            records = offsets.endOffsets(input).values().stream().mapToLong(Long::longValue).sum();
        }
        String output = prefix + "loop-out";
        createTopic(output);
        return new RawTransformLoop(ctx.kafka()).run(prefix + "loop", input, output, records, TIMEOUT, done -> { });
    }

    private void createTopic(String name) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(ctx.kafka().adminProps())) {
            TopicCreation.create(admin, List.of(new NewTopic(name, ctx.options().partitions(), (short) 1)));
        }
    }

    private static Throughput median(List<Throughput> repeats) {
        List<Throughput> sorted = new ArrayList<>(repeats);
        sorted.sort(Comparator.comparingDouble(Throughput::recordsPerSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static String rates(List<Throughput> repeats) {
        return repeats.stream().map(t -> Units.count(t.recordsPerSecond())).collect(Collectors.joining(", "));
    }
}
