package io.chimera.insight.localstack.registry;

import io.chimera.insight.platform.kafka.TopicCreation;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader;
import io.chimera.insight.platform.kafka.read.TopicSnapshotReader.MissingTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The registry's durable storage: a single-partition compacted Kafka topic, as Confluent's
 * registry uses. Keeping state in the broker (rather than a file) means ids and versions live
 * exactly as long as the data they describe, and survive a restart of the local stack.
 */
final class SchemaLog implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final RegistryStorage storage;
    private final TopicPartition partition;
    private final KafkaProducer<String, String> producer;

    SchemaLog(RegistryStorage storage, String topic) {
        this.storage = storage;
        this.partition = new TopicPartition(topic, 0);
        this.producer = new KafkaProducer<>(storage.clientConfig(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-" + topic,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis())),
                new StringSerializer(), new StringSerializer());
    }

    /**
     * Creates the topic (one partition, compacted, replicated as the storage says) unless it
     * exists. One partition keeps every write in one order, which replaying relies on.
     */
    void ensureTopic() {
        try (Admin admin = Admin.create(storage.clientConfig(Map.of()))) {
            Map<String, String> configs = new HashMap<>(storage.replication().topicConfigs());
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            NewTopic topic = new NewTopic(partition.topic(), Optional.of(1), storage.replication().factor()).configs(configs);
            TopicCreation.create(admin, List.of(topic));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the schema topic", e);
        }
    }

    /** Feeds every record from the beginning to the current end of the topic to {@code apply}. */
    void replay(BiConsumer<String, String> apply) {
        Properties props = new Properties();
        props.putAll(storage.clientConfig(Map.of()));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // ensureTopic() made the topic; one made a moment ago may not be in the metadata yet, and is empty.
        try (TopicSnapshotReader reader = TopicSnapshotReader.open(props, List.of(partition.topic()), TIMEOUT,
                MissingTopic.EMPTY)) {
            boolean complete = reader.readToEnd(TIMEOUT, record ->
                    apply.accept(text(record.key()), text(record.value())));
            if (!complete) {
                throw new IllegalStateException("timed out reading the schema topic " + partition.topic());
            }
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Writes one record and waits until the broker has it. */
    void append(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), key, value))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to the schema topic: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the schema topic", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out writing to the schema topic", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
