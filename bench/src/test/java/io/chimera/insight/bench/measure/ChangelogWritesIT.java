package io.chimera.insight.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.bench.kafka.RecordSizes;
import io.chimera.insight.localstack.kafka.EmbeddedKafkaBroker;
import io.chimera.insight.platform.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The changelog writes the bench reports for an aggregation are the records its producers really
 * sent to its stores' changelogs: what a read_committed reader then finds there, and nothing of its
 * other output topics, all of them under the one store that wrote them.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChangelogWritesIT {

    private static final int RECORDS = 30;

    @Test
    void countsEveryRecordSentToTheStoresChangelogsAndNoneOfTheOutput(@TempDir Path state) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), "http://registry.invalid");
            try (Admin admin = Admin.create(settings.adminProps())) {
                admin.createTopics(List.of(new NewTopic("writes.in", 1, (short) 1), new NewTopic("writes.out", 1,
                        (short) 1))).all().get();
            }
            Properties props = settings.streamsProps("writes-it");
            props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
            StreamsBuilder builder = new StreamsBuilder();
            // Uncached: every record is one write of its key's count, so one changelog record each.
            builder.stream("writes.in", Consumed.with(Serdes.String(), Serdes.String()))
                    .groupByKey()
                    .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts").withCachingDisabled())
                    .toStream()
                    .to("writes.out", Produced.with(Serdes.String(), Serdes.Long()));
            try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
                streams.start();
                Properties producerProps = new Properties();
                producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                        new StringSerializer())) {
                    for (int i = 0; i < RECORDS; i++) {
                        producer.send(new ProducerRecord<>("writes.in", "key-" + (i % 3), "v" + i));
                    }
                    producer.flush();
                }
                String changelog = "writes-it-counts-changelog";
                long committed = 0;
                while (committed < RECORDS) { // the class timeout bounds the wait
                    Thread.sleep(50);
                    committed = RecordSizes.read(settings, List.of(changelog), Duration.ofSeconds(30))
                            .get(changelog).records();
                }

                assertThat(RecordSizes.changelogs(settings, "writes-it")).containsExactly(changelog);
                assertThat(committed).isEqualTo(RECORDS);
                assertThat(RecordSizes.read(settings, List.of("writes.out"), Duration.ofSeconds(30))
                        .get("writes.out").records()).isEqualTo(RECORDS);
                assertThat(ChangelogWrites.sent(streams.metrics())).isEqualTo(RECORDS);
                assertThat(ChangelogWrites.perStore(streams.metrics(), "writes-it")).containsExactly(
                        Map.entry("counts", (long) RECORDS));
                assertThat(ChangelogWrites.perStore(streams.metrics(), "another-app")).isEmpty();
            }
        }
    }
}
