package io.chimera.insight.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.localstack.kafka.EmbeddedKafkaBroker;
import io.chimera.insight.platform.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kafka's hop, as the latency measure times it: its topics are shaped as the ones they stand in for, and
 * its consumer gets a record only once its transaction is committed, never one of an aborted transaction,
 * so the time to its arrival covers the commit's markers.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KafkaHopIT {

    @Test
    void aCommittedRecordArrivesAfterItsCommitAndAnAbortedOneNever() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), "http://registry.invalid");
            try (Admin admin = Admin.create(settings.adminProps())) {
                admin.createTopics(List.of(new NewTopic("hop-it.requests", 1, (short) 1),
                        new NewTopic("hop-it.configs", 3, (short) 1))).all().get();
            }
            try (KafkaHop hop = new KafkaHop(settings, "hop-it.", "hop-it.requests", "hop-it.configs");
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(transactional(settings))) {
                assertThat(hop.requestsTopic()).isEqualTo("hop-it.hop-requests");
                assertThat(hop.configsTopic()).isEqualTo("hop-it.hop-configs");
                try (Admin admin = Admin.create(settings.adminProps())) {
                    Map<String, TopicDescription> made = admin.describeTopics(KafkaHop.topics("hop-it."))
                            .allTopicNames().get();
                    assertThat(made.get("hop-it.hop-requests").partitions()).hasSize(1);
                    assertThat(made.get("hop-it.hop-configs").partitions()).hasSize(3);
                }
                producer.initTransactions();

                producer.beginTransaction();
                producer.send(new ProducerRecord<>(hop.requestsTopic(), bytes("aborted")));
                producer.flush();
                producer.abortTransaction();
                assertThatThrownBy(() -> hop.next(Duration.ofSeconds(1))).isInstanceOf(TimeoutException.class);

                producer.beginTransaction();
                producer.send(new ProducerRecord<>(hop.configsTopic(), bytes("a configuration")));
                producer.send(new ProducerRecord<>(hop.requestsTopic(), bytes("committed")));
                producer.flush();
                assertThatThrownBy(() -> hop.next(Duration.ofMillis(500))).isInstanceOf(TimeoutException.class);
                long committing = System.nanoTime();
                producer.commitTransaction();
                KafkaHop.Arrival arrival = hop.next(Duration.ofSeconds(30));

                assertThat(new String(arrival.value(), StandardCharsets.UTF_8)).isEqualTo("committed");
                assertThat(arrival.nanos()).isGreaterThan(committing);
                assertThatThrownBy(() -> hop.next(Duration.ofMillis(500))).isInstanceOf(TimeoutException.class);
            }
        }
    }

    private static Properties transactional(KafkaSettings settings) {
        return settings.transactionalProducerProps("hop-it"); // byte arrays, as every producer of ours
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
