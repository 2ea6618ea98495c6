package io.chimera.insight.ingest.publish;

import io.chimera.insight.platform.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Everything on a topic, read from the beginning to its end, as a consumer downstream sees it. */
public final class TopicContents {

    private TopicContents() {
    }

    /** What a read_committed consumer sees: committed transactions only. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaSettings settings, String topic) {
        return read(settings.consumerProps("test-reader"), topic);
    }

    /** Everything written, aborted and still-open transactions included: what is physically in the log. */
    public static List<ConsumerRecord<byte[], byte[]>> readUncommitted(KafkaSettings settings, String topic) {
        Properties props = settings.consumerProps("test-raw-reader");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        return read(props, topic);
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(Properties props, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
