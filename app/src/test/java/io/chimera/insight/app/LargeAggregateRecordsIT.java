package io.chimera.insight.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sweep with hundreds of configurations makes a model aggregate larger than Kafka's 1 MiB
 * default; the topics and producers we configure must still carry it.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LargeAggregateRecordsIT {

    private static ModelMetrics aggregateWithConfigs(int configs) {
        List<ConfigStats> stats = new ArrayList<>();
        MetricStats metric = MetricStats.newBuilder().setUnit("ms").setCount(5).setMean(1).build();
        for (int i = 0; i < configs; i++) {
            stats.add(ConfigStats.newBuilder().setConfigKey("num_ctx=" + i + ",num_gpu=" + i + ",temperature=0." + i)
                    .setConfig(Map.of("num_ctx", "" + i, "num_gpu", "" + i, "temperature", "0." + i))
                    .setRuns(5).setMetrics(Map.of("ttft_ms", metric, "tokens_per_s", metric, "eval_count", metric,
                            "load_duration_ms", metric, "eval_duration_ms", metric))
                    .build());
        }
        return ModelMetrics.newBuilder().setModel("gemma3:270m").setRuns(5L * configs).setConfigs(stats).build();
    }

    @Test
    void aModelAggregateOverOneMebibyteIsPublishedAndReadBack() {
        try (LocalStack stack = LocalStack.start()) {
            KafkaSettings settings = stack.kafkaSettings();
            TopicNames names = TopicNames.defaults();
            TopicAdmin.ensureTopics(settings, names, 1);
            EventSerdes serdes = new EventSerdes(stack.registryClient());
            String topic = names.of(Topics.MODEL_METRICS);
            ModelMetrics large = aggregateWithConfigs(6_000);
            byte[] value = serdes.value(Topics.MODEL_METRICS).serializer().serialize(topic, large);
            assertThat(value.length).isGreaterThan(1024 * 1024);

            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings.producerProps("large"))) {
                producer.send(new ProducerRecord<>(topic, "gemma3:270m".getBytes(), value)).get();
            } catch (Exception e) {
                throw new AssertionError("the large aggregate was refused: " + e.getMessage(), e);
            }

            var props = settings.consumerProps("large-reader");
            props.remove("group.id");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                List<ModelMetrics> read = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (read.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        read.add(serdes.value(Topics.MODEL_METRICS).deserializer().deserialize(topic, record.value()));
                    }
                }
                assertThat(read).singleElement().isEqualTo(large);
            }
        }
    }
}
