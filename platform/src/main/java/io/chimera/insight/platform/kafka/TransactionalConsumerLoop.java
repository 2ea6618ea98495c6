package io.chimera.insight.platform.kafka;

import io.chimera.insight.platform.ops.KafkaMeters;
import io.chimera.insight.platform.ops.PipelineMetrics;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
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
 * loses the rest of the batch.
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
    private final KafkaSettings settings;
    private final TopicNames names;
    private final EventSerdes serdes;
    private final Topic<V> input;
    private final String groupId;
    private final Handler<V> handler;
    private final Properties consumerOverrides;
    private final PipelineMetrics metrics;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

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
        this.settings = kafka.settings();
        this.names = kafka.names();
        this.serdes = kafka.serdes();
        this.input = input;
        this.groupId = groupId;
        this.consumerOverrides = consumerOverrides;
        this.handler = handler;
    }

    /** Starts polling on a thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(name + " already started");
        }
        running = true;
        thread = new Thread(this::runLoop, name);
        thread.start();
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    private void runLoop() {
        Properties consumerProps = settings.consumerProps(groupId);
        consumerProps.putAll(consumerOverrides);
        String transactionalId = groupId + "-" + names.of(input);
        KafkaMeters.Binding meters = KafkaMeters.Binding.NONE;
        try (KafkaConsumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(consumerProps);
             KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(settings.transactionalProducerProps(transactionalId))) {
            meters = KafkaMeters.bind(metrics, kafkaConsumer, producer);
            consumer = kafkaConsumer;
            producer.initTransactions();
            kafkaConsumer.subscribe(List.of(names.of(input)));
            while (running) {
                ConsumerRecords<byte[], byte[]> batch = kafkaConsumer.poll(Duration.ofMillis(250));
                if (!batch.isEmpty()) {
                    processBatch(kafkaConsumer, producer, batch);
                }
            }
        } catch (WakeupException e) {
            // close() woke us up: a normal stop
        } catch (ProducerFencedException | AuthorizationException e) {
            log.error("{} stopped: {}", name, e.getMessage());
        } catch (RuntimeException e) {
            log.error("{} stopped on an unexpected error", name, e);
        } finally {
            meters.close();
            running = false;
            consumer = null;
            stopped.countDown();
        }
    }

    private void processBatch(KafkaConsumer<byte[], byte[]> kafkaConsumer, KafkaProducer<byte[], byte[]> producer,
                              ConsumerRecords<byte[], byte[]> batch) {
        Outbox outbox = new Outbox(names, serdes);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> raw : batch) {
            TopicPartition partition = new TopicPartition(raw.topic(), raw.partition());
            firstOffsets.putIfAbsent(partition, raw.offset());
            handleOne(raw, outbox);
            offsets.put(partition, new OffsetAndMetadata(raw.offset() + 1));
        }
        try {
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> record : outbox.records()) {
                producer.send(record);
            }
            producer.sendOffsetsToTransaction(offsets, kafkaConsumer.groupMetadata());
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            // Nothing of the batch is visible: rewind and process it again.
            log.warn("{}: transaction failed ({}); retrying the batch", name, e.getMessage());
            producer.abortTransaction();
            firstOffsets.forEach(kafkaConsumer::seek);
            return;
        }
        metrics.deadLetters(outbox.deadLetterStages());
        outbox.committed();
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
            String source = DeadLetters.sourceOf(raw);
            log.warn("{}: dead-lettering {}: {}", name, source, e.getMessage());
            outbox.send(Topics.DEAD_LETTERS, source, DeadLetters.ofRecord(stage, raw, e));
        }
    }

    /** Stops polling, finishing the batch in hand; waits up to 30 s. */
    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                if (!stopped.await(30, TimeUnit.SECONDS)) {
                    log.warn("{} did not stop within 30 s", name);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
