package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.kafka.read.ConfigMetricsView;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology under real Kafka Streams (exactly_once_v2, two partitions, the global file
 * catalog) against the embedded broker and registry; an undecodable record on the way. A
 * {@link ConfigMetricsView} beside it gets back every request's configurations from
 * {@code config-metrics}, tombstones of a replaced file included.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AggregationBrokerIT {

    private static final String GEMMA = "gemma3:270m";
    private static final String QWEN = "qwen2.5:7b";

    @TempDir
    Path stateDir;

    @Test
    void aggregatesDebouncesAndReplacesFilesUnderExactlyOnce() throws Exception {
        try (LocalStack stack = LocalStack.start()) {
            KafkaSettings kafka = stack.kafkaSettings();
            TopicNames topics = new TopicNames("it.");
            TopicAdmin.ensureTopics(kafka, topics, 2);
            EventSerdes serdes = new EventSerdes(stack.registryClient());
            AggregationSettings settings = AggregationSettings.defaults()
                    // Long enough that a loaded machine processing one flush's runs never lets it
                    // expire between them (at 500 ms a load of 60 on 2 cores did: two requests).
                    .withDebounce(Duration.ofSeconds(2))
                    .withMaxDelay(Duration.ofSeconds(20))
                    .withPunctuateInterval(Duration.ofMillis(100))
                    .withReplacementSweepInterval(Duration.ofMillis(300));
            Properties props = kafka.streamsProps("aggregation-it");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

            Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
            TestFile sharedV1 = TestFile.of("shared.csv", "v1", t0);
            TestFile qwenOnly = TestFile.of("qwen.csv", "v1", t0.plusSeconds(1));
            TestFile sharedV2 = TestFile.of("shared.csv", "v2", t0.plusSeconds(60));

            try (KafkaStreams streams = new KafkaStreams(
                    AggregationTopology.build(topics, AggregationSerdes.from(serdes), settings), props);
                 KafkaProducer<String, BenchmarkRun> runs = new KafkaProducer<>(kafka.producerProps("it-runs"),
                         serdes.key().serializer(), serdes.value(Topics.BENCHMARK_RUNS).serializer());
                 KafkaProducer<String, BenchmarkFile> files = new KafkaProducer<>(kafka.producerProps("it-files"),
                         serdes.key().serializer(), serdes.value(Topics.BENCHMARK_FILES).serializer());
                 KafkaProducer<String, byte[]> garbage = new KafkaProducer<>(kafka.producerProps("it-garbage"),
                         serdes.key().serializer(), new ByteArraySerializer());
                 Outputs outputs = new Outputs(new KafkaContext(kafka, topics, serdes));
                 ConfigMetricsView view = ConfigMetricsView.of(new KafkaContext(kafka, topics, serdes), "it-config-view")) {
                streams.start();

                files.send(new ProducerRecord<>(topics.of(Topics.BENCHMARK_FILES), sharedV1.fileId(),
                        sharedV1.event(List.of(GEMMA, QWEN)))).get();
                List<BenchmarkRun> phaseOne = new ArrayList<>();
                for (int row = 0; row < 20; row++) {
                    phaseOne.add(sharedV1.run(GEMMA, row, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 100.0 + row)));
                    phaseOne.add(sharedV1.run(QWEN, 100 + row, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 40.0 + row)));
                }
                phaseOne.add(qwenOnly.run(QWEN, 0, Map.of(), Map.of("tokens_per_s", 45.0)));
                for (BenchmarkRun run : phaseOne) {
                    runs.send(new ProducerRecord<>(topics.of(Topics.BENCHMARK_RUNS), run.getModel(), run));
                }
                runs.flush();
                // A record that is not a run: dead-lettered in the aggregation's transaction, and the stream goes on.
                garbage.send(new ProducerRecord<>(topics.of(Topics.BENCHMARK_RUNS), GEMMA,
                        "gemma3:270m,100.0".getBytes(StandardCharsets.UTF_8))).get();

                outputs.awaitUntil(() -> outputs.requests.size() >= 2 && outputs.runs(GEMMA) == 20 && outputs.runs(QWEN) == 21
                        && !outputs.deadLetters.isEmpty());
                view.catchUp(Duration.ofSeconds(30));
                assertThat(view.configs(QWEN)).extracting(ConfigStats::getConfigKey).containsExactly("", "num_ctx=2048");
                assertThat(view.configs(GEMMA)).singleElement()
                        .satisfies(config -> assertThat(config.getMetrics().get("tokens_per_s").getMean()).isEqualTo(109.5));
                assertThat(outputs.deadLetters).singleElement().satisfies(letter -> {
                    assertThat(letter.getStage()).isEqualTo("aggregation");
                    assertThat(letter.getSource()).startsWith(topics.of(Topics.BENCHMARK_RUNS) + "/");
                    assertThat(letter.getErrorClass()).isEqualTo("org.apache.kafka.common.errors.SerializationException");
                });
                // One request per model: its debounce must not expire inside its burst. When it does, the description
                // says where: a first request with fewer runs, the time it was made, and each model's oldest pending run.
                assertThat(outputs.requests).as(outputs::describeRequests)
                        .extracting(AnalysisRequest::getModel).containsExactlyInAnyOrder(GEMMA, QWEN);
                assertThat(outputs.latest.get(GEMMA).getRuns()).isEqualTo(20);
                assertThat(outputs.latest.get(QWEN).getRuns()).isEqualTo(21);
                assertThat(outputs.latest.get(GEMMA).getMetrics().get("tokens_per_s").getMean()).isEqualTo(109.5);

                // shared.csv changes: gemma's rows are re-measured and qwen's row is gone.
                files.send(new ProducerRecord<>(topics.of(Topics.BENCHMARK_FILES), sharedV2.fileId(),
                        sharedV2.event(List.of(GEMMA)))).get();
                for (int row = 0; row < 5; row++) {
                    BenchmarkRun run = sharedV2.run(GEMMA, row, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 200.0));
                    runs.send(new ProducerRecord<>(topics.of(Topics.BENCHMARK_RUNS), run.getModel(), run));
                }
                runs.flush();

                outputs.awaitUntil(() -> outputs.requests.size() >= 4 && outputs.runs(GEMMA) == 5 && outputs.runs(QWEN) == 1);
                assertThat(outputs.latest.get(GEMMA).getRuns()).isEqualTo(5);
                assertThat(outputs.latest.get(GEMMA).getMetrics().get("tokens_per_s").getMean()).isEqualTo(200.0);
                assertThat(outputs.latest.get(QWEN).getRuns()).isEqualTo(1);
                assertThat(outputs.latest.get(QWEN).getFiles()).containsExactly(qwenOnly.path());
                assertThat(outputs.requests.subList(2, 4)).extracting(AnalysisRequest::getModel)
                        .containsExactlyInAnyOrder(GEMMA, QWEN);

                // Each model's final request gets back exactly the configurations it counts.
                outputs.awaitUntil(() -> outputs.requestedRuns(GEMMA) == 5 && outputs.requestedRuns(QWEN) == 1);
                assertConfigurationsOf(outputs.lastRequest(GEMMA), view);
                assertConfigurationsOf(outputs.lastRequest(QWEN), view);
                // qwen's num_ctx=2048 runs were all in shared.csv's first version: its record is a tombstone now.
                assertThat(view.configs(QWEN)).extracting(ConfigStats::getConfigKey).containsExactly("");
                assertThat(view.configs(GEMMA)).singleElement()
                        .satisfies(config -> assertThat(config.getMetrics().get("tokens_per_s").getMean()).isEqualTo(200.0));
            }
        }
    }

    /**
     * What a reader that took {@code request} (read committed) and then caught the view up gets: the
     * very configurations the request counts (count and digest), and a view no newer than it (the model
     * is quiet).
     */
    private static void assertConfigurationsOf(AnalysisRequest request, ConfigMetricsView view) {
        ModelMetrics record = request.getMetrics();
        assertThat(record.getConfigs()).as("the request counts its configurations, it does not carry them").isEmpty();
        ConfigMetricsView.Completed completed = view.complete(record, Duration.ofSeconds(30));
        assertThat(completed.newerThanRecord()).isFalse();
        assertThat(completed.matchesRecord()).as("count and digest of the view are the record's").isTrue();
        assertThat(completed.metrics().getConfigs()).hasSize(record.getConfigCount());
        assertThat(completed.metrics().getConfigs().stream().mapToLong(ConfigStats::getRuns).sum()).isEqualTo(record.getRuns());
    }

    /** Reads both outputs with read_committed, as the downstream services do. */
    private static final class Outputs implements AutoCloseable {
        final KafkaConsumer<String, ModelMetrics> metrics;
        final KafkaConsumer<String, AnalysisRequest> requestsConsumer;
        final KafkaConsumer<String, DeadLetter> deadLettersConsumer;
        final Map<String, ModelMetrics> latest = new HashMap<>();
        final List<AnalysisRequest> requests = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();

        Outputs(KafkaContext kafka) {
            EventSerdes serdes = kafka.serdes();
            metrics = new KafkaConsumer<>(kafka.settings().consumerProps("it-metrics"), serdes.key().deserializer(),
                    serdes.value(Topics.MODEL_METRICS).deserializer());
            requestsConsumer = new KafkaConsumer<>(kafka.settings().consumerProps("it-requests"),
                    serdes.key().deserializer(), serdes.value(Topics.ANALYSIS_REQUESTS).deserializer());
            deadLettersConsumer = new KafkaConsumer<>(kafka.settings().consumerProps("it-dead-letters"),
                    serdes.key().deserializer(), serdes.value(Topics.DEAD_LETTERS).deserializer());
            metrics.subscribe(List.of(kafka.names().of(Topics.MODEL_METRICS)));
            requestsConsumer.subscribe(List.of(kafka.names().of(Topics.ANALYSIS_REQUESTS)));
            deadLettersConsumer.subscribe(List.of(kafka.names().of(Topics.DEAD_LETTERS)));
        }

        /** Polls until {@code condition} holds; 60 s is far beyond what the debounce needs. */
        void awaitUntil(BooleanSupplier condition) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime())
                        .as(() -> "still waiting after 60 s; requests " + requests + ", latest metrics runs " + runsByModel())
                        .isLessThan(deadline);
                poll();
            }
        }

        AnalysisRequest lastRequest(String model) {
            AnalysisRequest last = null;
            for (AnalysisRequest request : requests) {
                if (request.getModel().equals(model)) {
                    last = request;
                }
            }
            return last;
        }

        long requestedRuns(String model) {
            AnalysisRequest last = lastRequest(model);
            return last == null ? -1 : last.getMetrics().getRuns();
        }

        long runs(String model) {
            ModelMetrics metrics = latest.get(model);
            return metrics == null ? -1 : metrics.getRuns();
        }

        /** Each request's model, reason, runs, when it was made and its oldest pending run's ingest time. */
        String describeRequests() {
            List<String> described = new ArrayList<>();
            for (AnalysisRequest request : requests) {
                described.add(request.getModel() + " (" + request.getReason() + ", " + request.getMetrics().getRuns()
                        + " runs, requested at " + request.getRequestedAt() + ", oldest pending ingested at "
                        + request.getOldestPendingIngestAt() + ")");
            }
            return "requests: " + described;
        }

        private Map<String, Long> runsByModel() {
            Map<String, Long> runs = new HashMap<>();
            latest.forEach((model, metrics) -> runs.put(model, metrics.getRuns()));
            return runs;
        }

        private void poll() {
            for (ConsumerRecord<String, ModelMetrics> record : metrics.poll(Duration.ofMillis(100))) {
                latest.put(record.key(), record.value());
            }
            for (ConsumerRecord<String, AnalysisRequest> record : requestsConsumer.poll(Duration.ofMillis(100))) {
                requests.add(record.value());
            }
            for (ConsumerRecord<String, DeadLetter> record : deadLettersConsumer.poll(Duration.ofMillis(50))) {
                deadLetters.add(record.value());
            }
        }

        @Override
        public void close() {
            metrics.close();
            requestsConsumer.close();
            deadLettersConsumer.close();
        }
    }
}
