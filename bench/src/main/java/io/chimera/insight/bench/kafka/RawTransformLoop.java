package io.chimera.insight.bench.kafka;

import io.chimera.insight.bench.result.CpuClock;
import io.chimera.insight.bench.result.ThreadCpu;
import io.chimera.insight.platform.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The limit the aggregation is compared with: a plain consume-transform-produce loop with the
 * same guarantee as Streams' exactly_once_v2 (read_committed consumer, transactional producer,
 * offsets committed in the producer's transaction, one transaction per poll) and no work in
 * between: each record is copied as it is to the output topic.
 */
public final class RawTransformLoop {

    private final KafkaSettings settings;

    public RawTransformLoop(KafkaSettings settings) {
        this.settings = settings;
    }

    /**
     * Copies {@code expectedRecords} records from {@code input} to {@code output}, as consumer
     * group and transactional id {@code id}. The clock starts
     * when the consumer has its partitions (as the Streams measure starts at RUNNING) and stops at
     * the commit of the last record.
     */
    public Throughput run(String id, String input, String output, long expectedRecords, Duration timeout,
                          LongConsumer onProgress) throws TimeoutException {
        long[] started = {0, -1}; // wall and CPU clocks when the partitions were assigned
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.groupMemberProps(id));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings.transactionalProducerProps(id))) {
            producer.initTransactions();
            producer.partitionsFor(output);
            consumer.subscribe(List.of(input), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (started[0] == 0 && !partitions.isEmpty()) {
                        started[0] = System.nanoTime();
                        started[1] = CpuClock.processNanos();
                    }
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // a single member: nothing moves elsewhere
                }
            });
            long deadline = System.nanoTime() + timeout.toNanos();
            long copied = 0;
            long bytes = 0;
            while (copied < expectedRecords) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the raw loop copied " + copied + " of " + expectedRecords
                            + " records in " + timeout.toSeconds() + " s");
                }
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                if (batch.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                producer.beginTransaction();
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    producer.send(new ProducerRecord<>(output, record.key(), record.value()));
                    offsets.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    bytes += (record.key() == null ? 0 : record.key().length)
                            + (record.value() == null ? 0 : record.value().length);
                }
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                producer.commitTransaction();
                copied += batch.count();
                onProgress.accept(copied);
            }
            return new Throughput(copied, bytes, Duration.ofNanos(System.nanoTime() - started[0]),
                    CpuClock.since(started[1]), ThreadCpu.Usage.UNKNOWN);
        }
    }
}
