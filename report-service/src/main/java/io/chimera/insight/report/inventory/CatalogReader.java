package io.chimera.insight.report.inventory;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link FileCatalog} from the {@code benchmark-files} and {@code dead-letters} topics, read
 * from the beginning with no consumer group (nothing to commit: the catalog is rebuilt at each
 * start). {@link #catchUp} is called by the report handler before it renders, on the handler's own
 * thread, so the consumer is never shared between threads, and the report sees every file event
 * committed before its analysis result.
 */
public final class CatalogReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatalogReader.class);

    private final KafkaSettings settings;
    private final TopicNames names;
    private final EventSerdes serdes;
    private final FileCatalog catalog = new FileCatalog();
    private KafkaConsumer<byte[], byte[]> consumer;

    public CatalogReader(KafkaContext kafka) {
        this.settings = kafka.settings();
        this.names = kafka.names();
        this.serdes = kafka.serdes();
    }

    public FileCatalog catalog() {
        return catalog;
    }

    /**
     * Reads every record committed so far.
     *
     * @return whether it got to the end within {@code limit}; the catalog holds what was read either way
     */
    public synchronized boolean catchUp(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            KafkaConsumer<byte[], byte[]> reader = consumer();
            Map<TopicPartition, Long> ends = reader.endOffsets(reader.assignment(), limit);
            while (ends.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
                    add(record);
                }
            }
            return true;
        } catch (KafkaException e) {
            log.warn("file catalog not refreshed: {}", e.getMessage());
            return false;
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            Properties props = settings.consumerProps("chimera-report-catalog");
            props.remove(ConsumerConfig.GROUP_ID_CONFIG);
            KafkaConsumer<byte[], byte[]> created = new KafkaConsumer<>(props);
            try {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : List.of(names.of(Topics.BENCHMARK_FILES), names.of(Topics.DEAD_LETTERS))) {
                    created.partitionsFor(topic, Duration.ofSeconds(30))
                            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                created.assign(partitions);
                created.seekToBeginning(partitions);
            } catch (RuntimeException e) {
                created.close(CloseOptions.timeout(Duration.ofSeconds(5))); // the next report tries again
                throw e;
            }
            consumer = created;
        }
        return consumer;
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            if (record.topic().equals(names.of(Topics.BENCHMARK_FILES))) {
                BenchmarkFile file = serdes.value(Topics.BENCHMARK_FILES).deserializer()
                        .deserialize(record.topic(), record.value());
                catalog.add(file);
            } else {
                DeadLetter letter = serdes.value(Topics.DEAD_LETTERS).deserializer()
                        .deserialize(record.topic(), record.value());
                catalog.add(letter);
            }
        } catch (RuntimeException e) {
            // Not our input to dead-letter: the report only loses this file's inventory line.
            log.warn("skipping undecodable {}/{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            consumer = null;
        }
    }
}
