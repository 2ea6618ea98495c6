package io.chimera.insight.platform.kafka;

import io.chimera.insight.platform.kafka.loop.LoopLifecycle;
import io.chimera.insight.platform.ops.PipelineMetrics;
import io.chimera.insight.platform.service.ServiceHealth;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consume, transform, produce, exactly once: the loop shared by the services that are not Kafka
 * Streams apps (analysis calls an LLM, report writes files).
 *
 * <p>The handler runs <em>outside</em> the transaction and only the sends and the offset commit run
 * inside it, because a handler may take minutes (an LLM call) and a transaction must stay shorter
 * than {@code transaction.timeout.ms}. A record whose value cannot be decoded, or whose handler
 * throws, becomes a dead letter in the same transaction: the loop never stops on bad input and never
 * loses the rest of the batch. A transaction the cluster refuses (an output record too large) is
 * tried again one record per transaction, so that the record to blame is dead-lettered alone with
 * the reason, its offset committed, and the others go on; a transaction that fails for a reason that
 * may pass is retried with backoff, then dead-lettered alike ({@link LoopLifecycle#commit}). Its
 * thread, clients, stop, fencing and health are {@link LoopLifecycle}'s.
 */
public final class TransactionalConsumerLoop<V> implements AutoCloseable {

    /** What the loop does with one record: queue its outputs on the outbox. */
    @FunctionalInterface
    public interface Handler<V> {
        void handle(ConsumerRecord<String, V> record, Outbox outbox) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(TransactionalConsumerLoop.class);

    private final String name;
    private final String stage;
    private final TopicNames names;
    private final EventSerdes serdes;
    private final Topic<V> input;
    private final Handler<V> handler;
    private final PipelineMetrics metrics;
    private final LoopLifecycle lifecycle;

    public TransactionalConsumerLoop(String name, String stage, KafkaContext kafka, Topic<V> input, String groupId,
                                     Properties consumerOverrides, Handler<V> handler) {
        this(name, stage, kafka, input, groupId, consumerOverrides, handler,
                PipelineMetrics.none(stage));
    }

    /**
     * @param metrics where the loop's Kafka clients and its dead letters are counted (after each commit)
     */
    public TransactionalConsumerLoop(String name, String stage, KafkaContext kafka, Topic<V> input, String groupId,
                                     Properties consumerOverrides, Handler<V> handler, PipelineMetrics metrics) {
        this.metrics = metrics;
        this.name = name;
        this.stage = stage;
        KafkaSettings settings = kafka.settings();
        this.names = kafka.names();
        this.serdes = kafka.serdes();
        this.input = input;
        this.handler = handler;
        Properties consumerProps = settings.groupMemberProps(groupId);
        consumerProps.putAll(consumerOverrides);
        this.lifecycle = LoopLifecycle.transactional(name, settings, consumerProps, groupId + "-" + names.of(input),
                metrics, new Rounds());
    }

    /** Starts polling on a thread of its own. */
    public void start() {
        lifecycle.start();
    }

    public boolean isRunning() {
        return lifecycle.isRunning();
    }

    /** The health of the loop: see {@link LoopLifecycle#health}. */
    public ServiceHealth health() {
        return lifecycle.health();
    }

    /**
     * Handles {@code records} and commits their outputs with their offsets in one transaction.
     *
     * @return false when the transaction is to be retried: the consumer was rewound to the first record
     */
    private boolean processBatch(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
                                 List<ConsumerRecord<byte[], byte[]>> records) {
        Outbox outbox = new Outbox(names, serdes);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> raw : records) {
            firstOffsets.putIfAbsent(new TopicPartition(raw.topic(), raw.partition()), raw.offset());
        }
        try {
            for (ConsumerRecord<byte[], byte[]> raw : records) {
                handleOne(raw, outbox);
                offsets.put(new TopicPartition(raw.topic(), raw.partition()), new OffsetAndMetadata(raw.offset() + 1));
            }
        } catch (RuntimeException e) {
            if (!KafkaFailures.isDependencyUnavailable(e)) {
                throw e;
            }
            lifecycle.waitForDependency(e); // nothing was sent: read the whole batch again
            firstOffsets.forEach(consumer::seek);
            return false;
        }
        switch (lifecycle.commit(producer, outbox.records(), offsets, consumer.groupMetadata())) {
            case COMMITTED -> {
                metrics.deadLetters(outbox.deadLetterStages());
                outbox.committed();
                return true;
            }
            case RETRY -> {
                firstOffsets.forEach(consumer::seek); // nothing of the batch is visible: process it again
                return false;
            }
            default -> {
                return records.size() > 1 ? oneByOne(consumer, producer, records)
                        : deadLetter(consumer, producer, records.get(0), offsets);
            }
        }
    }

    /** One transaction per record, so that the record whose output is refused fails alone. */
    private boolean oneByOne(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
                             List<ConsumerRecord<byte[], byte[]>> records) {
        for (int i = 0; i < records.size(); i++) {
            if (!processBatch(consumer, producer, List.of(records.get(i)))) {
                for (ConsumerRecord<byte[], byte[]> later : records.subList(i + 1, records.size())) {
                    // the retried record was rewound; so are later ones of other partitions
                    TopicPartition partition = new TopicPartition(later.topic(), later.partition());
                    if (later.offset() < consumer.position(partition)) {
                        consumer.seek(partition, later.offset());
                    }
                }
                return false;
            }
        }
        return true;
    }

    /** Commits a dead letter for {@code raw}, whose output the cluster refused, with its offset. */
    private boolean deadLetter(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
                               ConsumerRecord<byte[], byte[]> raw, Map<TopicPartition, OffsetAndMetadata> offsets) {
        String source = DeadLetters.sourceOf(raw);
        log.warn("{}: dead-lettering {}: its output could not be committed: {}", name, source,
                lifecycle.lastError().getMessage());
        Outbox letter = new Outbox(names, serdes);
        try {
            letter.send(Topics.DEAD_LETTERS, source, DeadLetters.ofRecord(stage, raw, lifecycle.lastError()));
        } catch (RuntimeException e) {
            if (!KafkaFailures.isDependencyUnavailable(e)) {
                throw e;
            }
            lifecycle.waitForDependency(e);
            consumer.seek(new TopicPartition(raw.topic(), raw.partition()), raw.offset());
            return false;
        }
        if (!lifecycle.commitDeadLetters(producer, letter.records(), offsets, consumer.groupMetadata())) {
            consumer.seek(new TopicPartition(raw.topic(), raw.partition()), raw.offset());
            return false;
        }
        metrics.deadLetters(letter.deadLetterStages());
        return true;
    }

    private void handleOne(ConsumerRecord<byte[], byte[]> raw, Outbox outbox) {
        Outbox own = new Outbox(names, serdes);
        try {
            String key = serdes.key().deserializer().deserialize(raw.topic(), raw.key());
            V value = serdes.value(input).deserializer().deserialize(raw.topic(), raw.value());
            handler.handle(new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), key, value), own);
            own.drainTo(outbox);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        } catch (Exception e) {
            if (KafkaFailures.isDependencyUnavailable(e)) {
                // Not the record's fault (and its dead letter would need the registry too): read it again.
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            String source = DeadLetters.sourceOf(raw);
            log.warn("{}: dead-lettering {}: {}", name, source, e.getMessage());
            outbox.send(Topics.DEAD_LETTERS, source, DeadLetters.ofRecord(stage, raw, e));
        }
    }

    /** Stops polling, finishing the batch in hand; waits up to 30 s. */
    @Override
    public void close() {
        lifecycle.close();
    }

    /** Subscribes to the input, then handles and commits one polled batch per round. */
    private final class Rounds implements LoopLifecycle.Body {
        @Override
        public void open(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
            consumer.subscribe(List.of(names.of(input)));
        }

        @Override
        public void round(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer) {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(250));
            if (!batch.isEmpty()) {
                List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(batch.count());
                batch.forEach(records::add);
                processBatch(consumer, producer, records);
            }
        }
    }
}
