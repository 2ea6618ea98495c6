package io.chimera.insight.report.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.FileFormat;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.schemas.registry.FaultySchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link CatalogReader} against the embedded broker and registry: a file event whose schema the registry
 * cannot serve yet is not skipped (the catalog would have lost it for good and later reports called
 * their inventory complete); the catch-up says it is incomplete and the next one reads it.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CatalogReaderIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static LocalStack stack;
    private static KafkaContext kafka;

    @BeforeAll
    static void start() {
        stack = LocalStack.start();
        TopicNames names = new TopicNames("catalog-it.");
        TopicAdmin.ensureTopics(stack.kafkaSettings(), names, 1);
        kafka = new KafkaContext(stack.kafkaSettings(), names, new EventSerdes(stack.registryClient()));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aFileEventTheRegistryCannotServeYetIsReadAgainNotSkipped() {
        Instant at = Instant.parse("2026-12-06T06:00:00Z");
        BenchmarkFile file = BenchmarkFile.newBuilder().setFileId("id-a.csv").setPath("rig/a.csv").setSha256("s1")
                .setFormat(FileFormat.CSV).setSizeBytes(120).setModifiedAt(at.minusSeconds(60)).setIngestedAt(at)
                .setRunCount(3).setFailedRunCount(0).setStatus(FileStatus.ACCEPTED).build();
        String topic = kafka.names().of(Topics.BENCHMARK_FILES);
        try (KafkaProducer<String, BenchmarkFile> producer = new KafkaProducer<>(
                kafka.settings().producerProps("catalog-it-writer"), kafka.serdes().key().serializer(),
                kafka.serdes().value(Topics.BENCHMARK_FILES).serializer())) {
            producer.send(new ProducerRecord<>(topic, file.getPath(), file));
            producer.flush();
        }
        FaultySchemaRegistry registry = new FaultySchemaRegistry(kafka.serdes().registry());
        KafkaContext readersKafka = new KafkaContext(kafka.settings(), kafka.names(), new EventSerdes(registry));

        try (CatalogReader reader = new CatalogReader(readersKafka)) {
            registry.unreachable(); // restarting: the reader has never seen the record's schema id
            Inventory during = reader.inventory(List.of("rig/a.csv"), WAIT);
            assertThat(during.complete()).isFalse();
            assertThat(during.allKnown()).isFalse();

            registry.answer();
            Inventory after = reader.inventory(List.of("rig/a.csv"), WAIT);

            assertThat(after.complete()).isTrue();
            assertThat(after.allKnown()).isTrue();
            assertThat(after.files().get(0).facts()).hasValueSatisfying(facts -> assertThat(facts.runs()).isEqualTo(3));
        }
    }
}
