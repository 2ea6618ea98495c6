package io.chimera.insight.bench.kafka;

import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads one of our topics from the beginning to its current end, decoded: what a figure is computed from. */
public final class TopicReader {

    private TopicReader() {
    }

    /** Every committed value of {@code topic} (tombstones skipped), with its record timestamp. */
    public static <V> List<Timestamped<V>> readAll(KafkaContext kafka, Topic<V> topic, Duration timeout) {
        Properties props = kafka.settings().consumerProps("bench-reader");
        props.remove("group.id");
        String name = kafka.names().of(topic);
        List<Timestamped<V>> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(name, timeout).stream()
                    .map(p -> new TopicPartition(name, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline
                    && ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() != null) {
                        values.add(new Timestamped<>(record.timestamp(),
                                kafka.serdes().value(topic).deserializer().deserialize(name, record.value())));
                    }
                }
            }
        }
        return values;
    }

    /** A value and the timestamp of its record (epoch millis). */
    public record Timestamped<V>(long timestamp, V value) {
    }
}
