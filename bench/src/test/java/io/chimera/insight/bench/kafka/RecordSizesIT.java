package io.chimera.insight.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.bench.kafka.RecordSizes.TopicSizes;
import io.chimera.insight.localstack.kafka.EmbeddedKafkaBroker;
import io.chimera.insight.platform.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sizes the scaling measure reports, read back from a real broker, and the refusals it reports. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RecordSizesIT {

    private static EmbeddedKafkaBroker broker;
    private static KafkaSettings settings;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        settings = new KafkaSettings(broker.bootstrapServers(), "http://registry.invalid");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void readsTheKeyAndValueBytesOfEveryCommittedRecordAndNothingOfAnAbortedOne() throws Exception {
        createTopics("sizes.a", "sizes.b", "sizes.empty");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "record-sizes-it");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("sizes.a", bytes(3), bytes(100)));
            producer.send(new ProducerRecord<>("sizes.a", bytes(3), bytes(2_500)));
            producer.send(new ProducerRecord<>("sizes.a", bytes(5), null)); // a tombstone: its key only
            producer.send(new ProducerRecord<>("sizes.b", null, bytes(40)));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("sizes.b", bytes(1), bytes(90_000)));
            producer.flush();
            producer.abortTransaction();
        }

        Map<String, TopicSizes> sizes = RecordSizes.read(settings, List.of("sizes.a", "sizes.b", "sizes.empty",
                "sizes.missing"), Duration.ofSeconds(30));

        assertThat(sizes).containsExactly(
                Map.entry("sizes.a", new TopicSizes(3, 103 + 2_503 + 5, 2_503)),
                Map.entry("sizes.b", new TopicSizes(1, 40, 40)),
                Map.entry("sizes.empty", new TopicSizes(0, 0, 0)),
                Map.entry("sizes.missing", new TopicSizes(0, 0, 0)));
    }

    @Test
    void aStreamsApplicationsChangelogsAreFoundByItsId() throws Exception {
        createTopics("app-one-store-changelog", "app-one-other-changelog", "app-one-repartition",
                "app-two-store-changelog");

        assertThat(RecordSizes.changelogs(settings, "app-one"))
                .containsExactly("app-one-other-changelog", "app-one-store-changelog");
    }

    @Test
    void aRecordTheClusterRefusesIsRememberedWithItsSize(@TempDir Path state) throws Exception {
        createTopics("refused.in", "refused.out");
        Properties props = settings.streamsProps("refused-it");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), "20000");
        props.putAll(RefusedRecordWatch.streamsProperties());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("refused.in", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> "x".repeat(30_000))
                .to("refused.out", Produced.with(Serdes.String(), Serdes.String()));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
            streams.start();
            Properties producerProps = new Properties();
            producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("refused.in", "key".getBytes(), "small".getBytes())).get();
            }

            Optional<RefusedRecordWatch.Refusal> refusal = Optional.empty();
            while (refusal.isEmpty()) { // the class timeout bounds the wait
                Thread.sleep(50);
                refusal = RefusedRecordWatch.first("refused-it");
            }
            assertThat(refusal.get().topic()).isEqualTo("refused.out");
            assertThat(refusal.get().bytes()).isEqualTo(3 + 30_000);
            assertThat(refusal.get().reason()).contains("max.request.size");
            assertThat(RefusedRecordWatch.first("another-application")).isEmpty();
        }
    }

    private static void createTopics(String... names) throws Exception {
        try (Admin admin = Admin.create(settings.adminProps())) {
            admin.createTopics(java.util.Arrays.stream(names).map(n -> new NewTopic(n, 1, (short) 1)).toList()).all()
                    .get();
        }
    }

    private static byte[] bytes(int n) {
        return new byte[n];
    }
}
