package io.chimera.insight.platform.kafka.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.localstack.kafka.CommittedEnds;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.topics.ConfigFingerprint;
import io.chimera.insight.platform.topics.ConfigMetricsKey;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.schemas.registry.FaultySchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ConfigMetricsView} against a broker and the registry: what it gives a model record is what
 * committed transactions left on {@code config-metrics}, tombstones applied, aborted writes never
 * seen; and when the aggregation committed a later emission meanwhile, the record gets the newer
 * configurations and is told so, unless the view already held exactly the record's; what the view's
 * consumer fetched is taken in without a read to the end. (In aggregation-service, which has the
 * embedded broker: platform's own tests cannot.) The view beside the real aggregation is in {@code AggregationBrokerIT}.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConfigMetricsViewIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GEMMA = "gemma3:270m";
    private static final String QWEN = "qwen2.5:7b";

    private static LocalStack stack;
    private static KafkaContext kafka;

    @BeforeAll
    static void start() {
        stack = LocalStack.start();
        TopicNames names = new TopicNames("view-it.");
        TopicAdmin.ensureTopics(stack.kafkaSettings(), names, 3);
        kafka = new KafkaContext(stack.kafkaSettings(), names, new EventSerdes(stack.registryClient()));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void completesARecordWithItsModelsCommittedConfigurationsInConfigKeyOrder() {
        try (Writer writer = new Writer("view-it-order"); ConfigMetricsView view = ConfigMetricsView.of(kafka, "view-order")) {
            long at = writer.commit(Map.of(key(GEMMA, "num_ctx=8192"), config("num_ctx=8192", 3),
                    key(GEMMA, "num_ctx=2048"), config("num_ctx=2048", 2),
                    key(QWEN, "num_ctx=2048"), config("num_ctx=2048", 7)));

            ConfigMetricsView.Completed completed = view.complete(counting(GEMMA, at,
                    config("num_ctx=2048", 2), config("num_ctx=8192", 3)), WAIT);

            assertThat(completed.newerThanRecord()).isFalse();
            assertThat(completed.matchesRecord()).isTrue();
            assertThat(completed.metrics().getConfigs()).extracting(ConfigStats::getConfigKey)
                    .containsExactly("num_ctx=2048", "num_ctx=8192");
            assertThat(completed.metrics().getRuns()).isEqualTo(5);
            assertThat(view.configs(QWEN)).extracting(ConfigStats::getRuns).containsExactly(7L);
        }
    }

    @Test
    void aTombstoneRemovesAConfigurationAndAnAbortedTransactionIsNeverSeen() {
        try (Writer writer = new Writer("view-it-tombstone"); ConfigMetricsView view = ConfigMetricsView.of(kafka, "view-tomb")) {
            String model = "tomb:1b";
            long first = writer.commit(Map.of(key(model, "a=1"), config("a=1", 1), key(model, "a=2"), config("a=2", 1)));
            assertThat(view.complete(counting(model, first, config("a=1", 1), config("a=2", 1)), WAIT).matchesRecord())
                    .isTrue();

            writer.abort(Map.of(key(model, "a=1"), config("a=1", 99)));
            long tombstone = writer.commitTombstone(key(model, "a=2"));

            ConfigMetricsView.Completed completed = view.complete(counting(model, tombstone, config("a=1", 1)), WAIT);
            assertThat(completed.metrics().getConfigs()).extracting(ConfigStats::getConfigKey, ConfigStats::getRuns)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a=1", 1L));
            assertThat(completed.newerThanRecord()).isFalse();
            assertThat(completed.matchesRecord()).isTrue();
        }
    }

    @Test
    void aViewNewerThanTheRecordGivesTheNewerConfigurationsAndSaysSo() {
        try (Writer writer = new Writer("view-it-newer"); ConfigMetricsView view = ConfigMetricsView.of(kafka, "view-newer")) {
            String model = "newer:3b";
            long first = System.currentTimeMillis() - 60_000;
            writer.commit(Map.of(key(model, "a=1"), config("a=1", 2)), first);
            ModelMetrics older = counting(model, first, config("a=1", 2)); // that emission's request, taken late
            // The aggregation's next emission of the model is committed before the reader gets to it.
            writer.commit(Map.of(key(model, "a=1"), config("a=1", 3), key(model, "a=2"), config("a=2", 1)), first + 2_000);

            ConfigMetricsView.Completed completed = view.complete(older, WAIT);

            assertThat(completed.newerThanRecord()).isTrue();
            assertThat(completed.matchesRecord()).isFalse();
            assertThat(completed.metrics().getRuns()).isEqualTo(2); // the record's own figures are kept
            assertThat(completed.metrics().getConfigs()).extracting(ConfigStats::getRuns).containsExactly(3L, 1L);
        }
    }

    @Test
    void aRecordTheRegistryCannotServeYetIsReadAgainNotSkipped() {
        FaultySchemaRegistry registry = new FaultySchemaRegistry(kafka.serdes().registry());
        KafkaContext viewsKafka = new KafkaContext(kafka.settings(), kafka.names(), new EventSerdes(registry));
        try (Writer writer = new Writer("view-it-registry"); ConfigMetricsView view = ConfigMetricsView.of(viewsKafka, "view-registry")) {
            String model = "registry:1b";
            long at = writer.commit(Map.of(key(model, "a=1"), config("a=1", 2), key(model, "a=2"), config("a=2", 5)));
            ModelMetrics record = counting(model, at, config("a=1", 2), config("a=2", 5));

            registry.unreachable(); // restarting: the view has never seen the records' schema id
            assertThatThrownBy(() -> view.complete(record, Duration.ofSeconds(2)))
                    .isInstanceOf(TopicReadException.class)
                    .hasMessageContaining("it is read again at the next catch-up");

            registry.answer();
            ConfigMetricsView.Completed completed = view.complete(record, WAIT);

            assertThat(completed.matchesRecord()).isTrue();
            assertThat(completed.metrics().getConfigs()).extracting(ConfigStats::getRuns).containsExactly(2L, 5L);
        }
    }

    @Test
    void aViewThatAlreadyHoldsTheRecordsConfigurationsGivesThemWithoutReadingOn() {
        try (Writer writer = new Writer("view-it-held"); ConfigMetricsView view = ConfigMetricsView.of(kafka, "view-held");
             ConfigMetricsView other = ConfigMetricsView.of(kafka, "view-held-other")) {
            String model = "held:1b";
            long first = System.currentTimeMillis() - 60_000;
            writer.commit(Map.of(key(model, "a=1"), config("a=1", 2)), first);
            ModelMetrics record = counting(model, first, config("a=1", 2));
            assertThat(view.complete(record, WAIT).matchesRecord()).isTrue();
            // A later emission is committed and readable (another view has read it); a view that read on
            // would find it newer than the record.
            long second = writer.commit(Map.of(key(model, "a=1"), config("a=1", 3)), first + 2_000);
            assertThat(other.complete(counting(model, second, config("a=1", 3)), WAIT).matchesRecord()).isTrue();

            ConfigMetricsView.Completed again = view.complete(record, WAIT);

            assertThat(again.matchesRecord()).isTrue();
            assertThat(again.newerThanRecord()).isFalse();
            assertThat(again.metrics().getConfigs()).extracting(ConfigStats::getRuns).containsExactly(2L);
            assertThat(view.configs(model)).extracting(ConfigStats::getRuns).containsExactly(2L);
        }
    }

    @Test
    void takeFetchedBringsInWhatWasCommittedSinceTheLastRead() throws InterruptedException {
        try (Writer writer = new Writer("view-it-fetched"); ConfigMetricsView view = ConfigMetricsView.of(kafka, "view-fetched")) {
            String model = "fetched:1b";
            long first = writer.commit(Map.of(key(model, "a=1"), config("a=1", 1)));
            view.complete(counting(model, first, config("a=1", 1)), WAIT);
            view.takeFetched(); // leaves a fetch in flight, as the analysis loop's rounds do
            writer.commit(Map.of(key(model, "a=1"), config("a=1", 4), key(model, "a=2"), config("a=2", 1)));

            long deadline = System.nanoTime() + WAIT.toNanos(); // a bound on the test, not a figure
            while (view.configs(model).size() < 2 && System.nanoTime() < deadline) {
                view.takeFetched();
                Thread.sleep(10);
            }

            assertThat(view.configs(model)).extracting(ConfigStats::getConfigKey, ConfigStats::getRuns)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a=1", 4L),
                            org.assertj.core.groups.Tuple.tuple("a=2", 1L));
        }
    }

    private static String key(String model, String configKey) {
        return ConfigMetricsKey.of(model, configKey);
    }

    private static ConfigStats config(String configKey, long runs) {
        return ConfigStats.newBuilder().setConfigKey(configKey).setRuns(runs).build();
    }

    /**
     * A model record as the aggregation writes it: counting {@code configs} (written at {@code writtenAt})
     * instead of carrying them.
     */
    private static ModelMetrics counting(String model, long writtenAt, ConfigStats... configs) {
        ConfigFingerprint fingerprints = new ConfigFingerprint();
        long digest = 0;
        long runs = 0;
        for (ConfigStats config : configs) {
            digest += fingerprints.of(config);
            runs += config.getRuns();
        }
        return ModelMetrics.newBuilder().setModel(model).setRuns(runs).setConfigCount(configs.length)
                .setConfigsDigest(digest).setConfigsAt(Instant.ofEpochMilli(writtenAt)).build();
    }

    @Test
    void aRecordFromBeforeConfigMetricsKeepsTheConfigurationsItCarries() {
        try (ConfigMetricsView view = ConfigMetricsView.of(kafka, "view-legacy")) {
            ModelMetrics legacy = ModelMetrics.newBuilder().setModel(GEMMA).setRuns(4)
                    .setConfigs(List.of(config("num_ctx=4096", 4))).build();

            ConfigMetricsView.Completed completed = view.complete(legacy, WAIT);

            assertThat(legacy.getConfigCount()).isEqualTo(-1);
            assertThat(completed.metrics().getConfigs()).extracting(ConfigStats::getConfigKey).containsExactly("num_ctx=4096");
        }
    }

    /** Writes config-metrics records as the aggregation does: in transactions, keyed by ConfigMetricsKey. */
    private static final class Writer implements AutoCloseable {
        private final KafkaProducer<String, ConfigStats> producer;
        private final String topic = kafka.names().of(Topics.CONFIG_METRICS);

        Writer(String transactionalId) {
            Serializer<ConfigStats> values = kafka.serdes().value(Topics.CONFIG_METRICS).serializer();
            producer = new KafkaProducer<>(kafka.settings().transactionalProducerProps(transactionalId),
                    kafka.serdes().key().serializer(), values);
            producer.initTransactions();
        }

        /** @return the records' timestamp, which a model record of that emission gives as its configsAt */
        long commit(Map<String, ConfigStats> records) {
            return commit(records, System.currentTimeMillis());
        }

        /** As the aggregation writes an emission: every record stamped with the emission's time. */
        long commit(Map<String, ConfigStats> records, long timestamp) {
            producer.beginTransaction();
            records.forEach((key, value) -> producer.send(new ProducerRecord<>(topic, null, timestamp, key, value)));
            producer.commitTransaction();
            awaitMarkers();
            return timestamp;
        }

        /**
         * Until every partition has the commit's marker a view reading to the end may stop before the transaction: a
         * test that then looks for a later emission saw the earlier one match instead, now and then.
         */
        private void awaitMarkers() {
            CommittedEnds.await(kafka.settings(), topic, WAIT);
        }

        long commitTombstone(String key) {
            long timestamp = System.currentTimeMillis();
            producer.beginTransaction();
            producer.send(new ProducerRecord<String, ConfigStats>(topic, null, timestamp, key, null));
            producer.commitTransaction();
            awaitMarkers();
            return timestamp;
        }

        void abort(Map<String, ConfigStats> records) {
            producer.beginTransaction();
            records.forEach((key, value) -> producer.send(new ProducerRecord<>(topic, key, value)));
            producer.flush();
            producer.abortTransaction();
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
