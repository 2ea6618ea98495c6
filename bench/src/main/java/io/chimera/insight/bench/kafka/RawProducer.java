package io.chimera.insight.bench.kafka;

import io.chimera.insight.bench.result.CpuClock;
import io.chimera.insight.bench.result.ThreadCpu;
import io.chimera.insight.platform.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The limit ingest is compared with: one plain (idempotent, not transactional) producer sending a
 * tape of records as fast as the client allows, with the same client settings ingest uses
 * (acks=all, lz4, linger 5 ms, 128 KiB batches).
 */
public final class RawProducer {

    private final KafkaSettings settings;

    public RawProducer(KafkaSettings settings) {
        this.settings = settings;
    }

    /**
     * Sends every record of the tape, then flushes. Metadata of {@code topics} is fetched before
     * the clock starts, so that topic lookup is not counted as sending.
     *
     * @param onProgress hears the records sent so far, every 10,000
     */
    public Throughput send(RecordTape tape, Collection<String> topics, LongConsumer onProgress) {
        return send(tape, Long.MAX_VALUE, UnaryOperator.identity(), topics, onProgress);
    }

    /**
     * Sends the first {@code limit} records of the tape, each to {@code topicFor} its recorded
     * topic (a warm-up sends to topics of its own).
     */
    public Throughput send(RecordTape tape, long limit, UnaryOperator<String> topicFor, Collection<String> topics,
                           LongConsumer onProgress) {
        AtomicLong records = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Properties props = settings.bulkProducerProps("bench-raw-producer");
        // Fail within half a minute rather than two: a stuck send is a failed measure, not a slow one.
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            topics.forEach(producer::partitionsFor);
            long start = System.nanoTime();
            long cpuStart = CpuClock.processNanos();
            try (ThreadCpu threads = ThreadCpu.start()) {
                tape.play(limit, recorded -> {
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topicFor.apply(recorded.topic()),
                            recorded.key(), recorded.value());
                    producer.send(record, (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    bytes.addAndGet(length(record.key()) + length(record.value()));
                    if (records.incrementAndGet() % 10_000 == 0) {
                        onProgress.accept(records.get());
                    }
                });
                producer.flush();
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                ThreadCpu.Usage busiest = threads.stop();
                if (failure.get() != null) {
                    throw new IllegalStateException("the raw producer failed: " + failure.get().getMessage(),
                            failure.get());
                }
                return new Throughput(records.get(), bytes.get(), elapsed, CpuClock.since(cpuStart),
                        busiest);
            }
        }
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
