package io.chimera.insight.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
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
}
