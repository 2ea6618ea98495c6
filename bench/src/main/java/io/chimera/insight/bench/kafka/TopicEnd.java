package io.chimera.insight.bench.kafka;

import io.chimera.insight.platform.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** A reader of what comes on a topic from now on: the bench waits for records its own step caused. */
public final class TopicEnd {

    private TopicEnd() {
    }

    /**
     * A consumer with our settings ({@code read_committed}), outside any group, assigned to every partition
     * of {@code topic} and placed at its end now, so that only records written after this call arrive.
     */
    public static KafkaConsumer<byte[], byte[]> consumer(KafkaSettings settings, String clientId, String topic) {
        Properties props = settings.consumerProps(clientId);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now: seekToEnd alone is lazy
        return consumer;
    }
}
