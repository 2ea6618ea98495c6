package io.chimera.insight.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.ingest.EmbeddedBroker;
import io.chimera.insight.ingest.publish.TopicContents;
import io.chimera.insight.localstack.registry.EmbeddedSchemaRegistry;
import io.chimera.insight.localstack.registry.RegistryAccess;
import io.chimera.insight.platform.service.ServiceHealth;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.schemas.registry.HttpSchemaRegistryClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TransactionalConsumerLoop} when the cluster refuses a transaction: the record whose output is
 * too large is dead-lettered with the reason and its offset committed, and the records after it are
 * processed. It lives in ingest-service for the embedded broker (see {@code LoopLifecycleIT}).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TransactionalConsumerLoopIT {

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @Test
    void aRecordWhoseOutputIsTooLargeIsDeadLetteredAndTheNextOnesAreProcessed() throws Exception {
        TopicNames names = BROKER.topics("loop-too-large.", 1);
        produce(names, "small-1", "big", "small-2");
        KafkaSettings small = new KafkaSettings(BROKER.settings().bootstrapServers(), BROKER.schemaRegistryUrl(),
                Map.of("max.request.size", "20000"));
        List<String> handled = new CopyOnWriteArrayList<>();
        // Each input becomes one file event; "big" one with a 40,000-letter path, over the request limit.
        TransactionalConsumerLoop.Handler<String> handler = (record, outbox) -> {
            handled.add(record.value());
            String path = record.value().equals("big") ? letters(40_000) : record.value();
            outbox.send(Topics.BENCHMARK_FILES, record.value(),
                    BenchmarkFile.newBuilder().setFileId(record.value()).setPath(path).build());
        };

        try (TransactionalConsumerLoop<String> loop = new TransactionalConsumerLoop<>("test-loop", "test",
                new KafkaContext(small, names, BROKER.serdes()), Topics.INGEST_STATE, "loop-too-large",
                new Properties(), handler)) {
            loop.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> values(names, Topics.BENCHMARK_FILES).size() == 2
                            && values(names, Topics.DEAD_LETTERS).size() == 1);
            produce(names, "small-3");
            await().atMost(Duration.ofSeconds(60)).until(() -> values(names, Topics.BENCHMARK_FILES).size() == 3);
            assertThat(loop.isRunning()).isTrue();
            assertThat(loop.health()).isEqualTo(ServiceHealth.UP);
        }

        assertThat(values(names, Topics.BENCHMARK_FILES)).extracting(BenchmarkFile::getFileId)
                .containsExactly("small-1", "small-2", "small-3");
        DeadLetter letter = values(names, Topics.DEAD_LETTERS).get(0);
        assertThat(letter.getSource()).isEqualTo(names.of(Topics.INGEST_STATE) + "/0@1");
        assertThat(letter.getStage()).isEqualTo("test");
        assertThat(letter.getErrorClass()).endsWith("RecordTooLargeException");
        assertThat(letter.getMessage()).contains("max.request.size");
        // Tried in the shared transaction of its batch, then alone; never again: its offset is committed.
        assertThat(handled.stream().filter("big"::equals).count()).isBetween(1L, 2L);
        assertThat(handled).endsWith("small-3");
        try (Admin admin = Admin.create(BROKER.settings().adminProps())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("loop-too-large")
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertThat(committed.get(new TopicPartition(names.of(Topics.INGEST_STATE), 0)).offset()).isEqualTo(4);
        }
    }

    @Test
    void whileCommitsFailForAReasonThatMayPassTheLoopRetriesAndSaysDegradedThenRecovers() throws Exception {
        TopicNames names = BROKER.topics("loop-transient.", 1);
        // Sends to a topic that is gone wait this long for its metadata, then time out.
        KafkaSettings impatient = new KafkaSettings(BROKER.settings().bootstrapServers(),
                BROKER.schemaRegistryUrl(), Map.of("max.block.ms", "1000"));
        TransactionalConsumerLoop.Handler<String> handler = (record, outbox) -> outbox.send(Topics.BENCHMARK_FILES,
                record.value(), BenchmarkFile.newBuilder().setFileId(record.value()).setPath(record.value()).build());
        List<ServiceHealth> seen = new CopyOnWriteArrayList<>();

        try (TransactionalConsumerLoop<String> loop = new TransactionalConsumerLoop<>("test-loop", "test",
                new KafkaContext(impatient, names, BROKER.serdes()), Topics.INGEST_STATE, "loop-transient",
                new Properties(), handler);
             Admin admin = Admin.create(BROKER.settings().adminProps())) {
            admin.deleteTopics(List.of(names.of(Topics.BENCHMARK_FILES))).all().get(30, TimeUnit.SECONDS);
            startWithOneRecord(loop, names, seen);
            TopicAdmin.ensureTopics(BROKER.settings(), names, 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> values(names, Topics.BENCHMARK_FILES).size() == 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> loop.health().equals(ServiceHealth.UP));
            assertThat(loop.isRunning()).isTrue();
        }

        assertThat(seen).last().satisfies(degraded -> assertThat(degraded.reason())
                .contains("failed in a row, retried with backoff").contains("not present in metadata"));
        assertThat(values(names, Topics.BENCHMARK_FILES)).extracting(BenchmarkFile::getFileId).containsExactly("only");
        assertThat(values(names, Topics.DEAD_LETTERS)).as("retried, not dead-lettered").isEmpty();
    }

    @Test
    void whileTheSchemaRegistryIsDownTheLoopWaitsAndSaysDegradedThenCommitsNothingDeadLettered() throws Exception {
        TopicNames names = BROKER.topics("loop-registry.", 1);
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // nothing answers here until the registry starts below
        }
        EventSerdes serdes = new EventSerdes(new HttpSchemaRegistryClient("http://127.0.0.1:" + port));
        List<String> handled = new CopyOnWriteArrayList<>();
        TransactionalConsumerLoop.Handler<String> handler = (record, outbox) -> {
            handled.add(record.value());
            outbox.send(Topics.BENCHMARK_FILES, record.value(),
                    BenchmarkFile.newBuilder().setFileId(record.value()).setPath(record.value()).build());
        };
        List<ServiceHealth> seen = new CopyOnWriteArrayList<>();

        try (TransactionalConsumerLoop<String> loop = new TransactionalConsumerLoop<>("test-loop", "test",
                new KafkaContext(BROKER.settings(), names, serdes), Topics.INGEST_STATE, "loop-registry",
                new Properties(), handler)) {
            startWithOneRecord(loop, names, seen);
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(BROKER.settings().bootstrapServers(),
                    port, RegistryAccess.open())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> loop.health().equals(ServiceHealth.UP));
                assertThat(loop.isRunning()).as("an unreachable registry is not fatal").isTrue();
                EventSerdes decoding = new EventSerdes(registry.client());
                assertThat(TopicContents.readAll(BROKER.settings(), names.of(Topics.BENCHMARK_FILES)).stream()
                        .map(r -> decoding.value(Topics.BENCHMARK_FILES).deserializer()
                                .deserialize(names.of(Topics.BENCHMARK_FILES), r.value()))
                        .map(BenchmarkFile::getFileId)).containsExactly("only");
            }
        }

        assertThat(seen).last().satisfies(degraded -> assertThat(degraded.reason()).contains("unreachable"));
        assertThat(handled.size()).as("the record was read again after each wait").isGreaterThan(1);
        assertThat(TopicContents.readAll(BROKER.settings(), names.of(Topics.DEAD_LETTERS)))
                .as("waited for, not dead-lettered").isEmpty();
    }

    /**
     * A handler whose own call to the cluster times out (here a real consumer's {@code position()} of a
     * partition on a cluster that does not answer, as the analysis loop's read of {@code config-metrics}
     * did while the container tier restarted the active controller) is not the record's fault: the loop
     * waits and says DEGRADED, dead-letters nothing, and commits the record's output once the call works.
     * It dead-lettered the record before.
     */
    @Test
    void aHandlerWhoseClusterCallTimesOutIsWaitedForNotDeadLettered() throws Exception {
        TopicNames names = BROKER.topics("loop-timeout.", 1);
        String nobody;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = "127.0.0.1:" + free.getLocalPort(); // nothing listens here once closed
        }
        Properties unreachable = new KafkaSettings(nobody, "http://127.0.0.1:1").consumerProps("loop-timeout-reader");
        List<String> handled = new CopyOnWriteArrayList<>();
        List<ServiceHealth> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean answering = new AtomicBoolean();
        TransactionalConsumerLoop.Handler<String> handler = (record, outbox) -> {
            handled.add(record.value());
            if (!answering.get()) {
                try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(unreachable,
                        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                    TopicPartition partition = new TopicPartition("config-metrics", 3);
                    reader.assign(List.of(partition));
                    reader.seekToBeginning(List.of(partition));
                    reader.position(partition, Duration.ofMillis(200)); // throws Kafka's TimeoutException
                }
            }
            outbox.send(Topics.BENCHMARK_FILES, record.value(),
                    BenchmarkFile.newBuilder().setFileId(record.value()).setPath(record.value()).build());
        };

        try (TransactionalConsumerLoop<String> loop = new TransactionalConsumerLoop<>("test-loop", "test",
                new KafkaContext(BROKER.settings(), names, BROKER.serdes()), Topics.INGEST_STATE, "loop-timeout",
                new Properties(), handler)) {
            startWithOneRecord(loop, names, seen);
            answering.set(true);
            await().atMost(Duration.ofSeconds(60)).until(() -> loop.health().equals(ServiceHealth.UP));
            assertThat(loop.isRunning()).as("a cluster call that timed out is not fatal").isTrue();
        }

        assertThat(seen).last().satisfies(degraded -> assertThat(degraded.reason())
                .contains("could be determined"));
        assertThat(handled.size()).as("the record was read again after each wait").isGreaterThan(1);
        assertThat(values(names, Topics.BENCHMARK_FILES)).extracting(BenchmarkFile::getFileId).containsExactly("only");
        assertThat(TopicContents.readAll(BROKER.settings(), names.of(Topics.DEAD_LETTERS)))
                .as("waited for, not dead-lettered").isEmpty();
    }

    /** Starts the loop, gives it one record, and waits until it says DEGRADED, noting each health it said meanwhile. */
    private static void startWithOneRecord(TransactionalConsumerLoop<String> loop, TopicNames names,
                                           List<ServiceHealth> seen) {
        loop.start();
        produce(names, "only");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            seen.add(loop.health());
            return loop.health().state() == ServiceHealth.State.DEGRADED;
        });
    }

    private static void produce(TopicNames names, String... values) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(BROKER.settings().producerProps("loop-too-large-input"))) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(names.of(Topics.INGEST_STATE),
                        value.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static String letters(int count) {
        Random random = new Random(3);
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static <V> List<V> values(TopicNames names, Topic<V> topic) {
        return TopicContents.readAll(BROKER.settings(), names.of(topic)).stream()
                .map(r -> BROKER.serdes().value(topic).deserializer().deserialize(names.of(topic), r.value()))
                .toList();
    }
}
