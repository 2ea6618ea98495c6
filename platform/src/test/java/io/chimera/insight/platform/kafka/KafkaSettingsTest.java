package io.chimera.insight.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void bulkProducersBatchMoreThanTheOthers() {
        KafkaSettings settings = new KafkaSettings("127.0.0.1:9092", "http://127.0.0.1:8081");

        assertThat(settings.producerProps("p")).doesNotContainKey(ProducerConfig.BATCH_SIZE_CONFIG);
        assertThat(settings.transactionalProducerProps("t")).doesNotContainKey(ProducerConfig.BATCH_SIZE_CONFIG);
        assertThat(settings.bulkProducerProps("p")).containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        Properties bulkTransactional = settings.bulkTransactionalProducerProps("ingest");
        assertThat(bulkTransactional).containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "131072")
                .containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ingest")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    }

    @Test
    void aBatchSizeTheUserGaveWins() {
        KafkaSettings settings = new KafkaSettings("127.0.0.1:9092", "http://127.0.0.1:8081",
                Map.of(ProducerConfig.BATCH_SIZE_CONFIG, "32768"));

        assertThat(settings.bulkTransactionalProducerProps("ingest")).containsEntry(ProducerConfig.BATCH_SIZE_CONFIG,
                "32768");
    }

    @Test
    void theStreamsProducerBatchesAsABulkProducerUnlessTheUserGaveABatchSize() {
        KafkaSettings defaults = new KafkaSettings("127.0.0.1:9092", "http://127.0.0.1:8081");
        KafkaSettings given = new KafkaSettings("127.0.0.1:9092", "http://127.0.0.1:8081",
                Map.of(ProducerConfig.BATCH_SIZE_CONFIG, "32768"));

        assertThat(new StreamsConfig(defaults.streamsProps("app")).getProducerConfigs("c"))
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        assertThat(new StreamsConfig(given.streamsProps("app")).getProducerConfigs("c"))
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "32768");
    }

    @Test
    void transactionalProducersRetryARefusedRequestAfter10MillisecondsUnlessTheUserSaysOtherwise() {
        KafkaSettings defaults = new KafkaSettings("127.0.0.1:9092", "http://127.0.0.1:8081");
        KafkaSettings given = new KafkaSettings("127.0.0.1:9092", "http://127.0.0.1:8081",
                Map.of(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "250"));

        assertThat(defaults.transactionalProducerProps("t")).containsEntry(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "10");
        assertThat(defaults.bulkTransactionalProducerProps("ingest"))
                .containsEntry(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "10");
        assertThat(defaults.producerProps("p")).doesNotContainKey(ProducerConfig.RETRY_BACKOFF_MS_CONFIG);
        assertThat(given.transactionalProducerProps("t")).containsEntry(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "250");
    }

    @Test
    void groupMembersAreDynamicUnlessTheSettingsNameAGroupInstanceId() {
        KafkaSettings dynamic = new KafkaSettings("127.0.0.1:9092", "http://127.0.0.1:8081");

        assertThat(dynamic.groupInstanceId()).isNull();
        assertThat(dynamic.groupMemberProps("g")).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(new StreamsConfig(dynamic.streamsProps("app")).getMainConsumerConfigs("app", "c", 1))
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    @Test
    void withAGroupInstanceIdEveryGroupMemberIsStaticAndReadersAreLeftAlone() {
        KafkaSettings settings = new KafkaSettings("127.0.0.1:9092", "http://127.0.0.1:8081")
                .withGroupInstanceId("chimera-local");

        assertThat(settings.groupMemberProps("g")).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                "chimera-local").containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "g");
        assertThat(settings.consumerProps("reader")).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        StreamsConfig streams = new StreamsConfig(settings.streamsProps("app"));
        assertThat(streams.getMainConsumerConfigs("app", "c", 1))
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "chimera-local-1");
        assertThat(streams.getRestoreConsumerConfigs("c")).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(streams.getGlobalConsumerConfigs("c")).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    @Test
    void aGroupInstanceIdTheOperatorGaveWins() {
        KafkaSettings settings = new KafkaSettings("127.0.0.1:9092", "http://127.0.0.1:8081",
                Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "pod-3")).withGroupInstanceId("chimera-local");

        assertThat(settings.groupMemberProps("g")).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "pod-3");
    }
}
