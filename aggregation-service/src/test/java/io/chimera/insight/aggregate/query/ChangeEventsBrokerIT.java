package io.chimera.insight.aggregate.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.insight.aggregate.statistics.ColdStartRule;
import io.chimera.insight.aggregate.topology.AggregationSerdes;
import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.aggregate.topology.AggregationTopology;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change detection under real Kafka Streams (exactly_once_v2, persistent stores and their changelogs)
 * against the embedded broker: a planted step is published once on {@code performance-changes}
 * (read_committed) and served by {@code GET /models/{model}/changes}; an instance that starts on an
 * empty state directory, so restores every store from its changelog, then evaluates the series
 * again with more runs and publishes no duplicate.
 */
@Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChangeEventsBrokerIT {

    private static final String MODEL = "gemma3:270m";
    private static final Map<String, String> CONFIG = Map.of("num_ctx", "2048");
    private static final Instant OBSERVED = Instant.parse("2025-02-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    @Test
    void aStepIsPublishedOnceServedByTheQueryApiAndNotAgainAfterARestoreFromTheChangelogs() throws Exception {
        try (LocalStack stack = LocalStack.start()) {
            KafkaSettings kafka = stack.kafkaSettings();
            TopicNames topics = new TopicNames("chg.");
            TopicAdmin.ensureTopics(kafka, topics, 2);
            EventSerdes serdes = new EventSerdes(stack.registryClient());
            Instant ingested = Instant.parse("2025-03-01T10:00:00Z");

            try (KafkaProducer<String, BenchmarkRun> runs = new KafkaProducer<>(kafka.producerProps("chg-runs"),
                    serdes.key().serializer(), serdes.value(Topics.BENCHMARK_RUNS).serializer());
                 Outputs outputs = new Outputs(kafka, serdes, topics)) {
                try (QueryServer server = QueryServer.bind(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1");
                     KafkaStreams first = streams(kafka, serdes, topics, stateDir.resolve("first"), server)) {
                    first.start();
                    server.start(first, ColdStartRule.defaults());
                    send(runs, topics, level(TestFile.of("before.csv", "v1", ingested), 100, 0));
                    send(runs, topics, level(TestFile.of("after.csv", "v1", ingested.plusSeconds(1)), 80, 10));

                    outputs.awaitUntil(() -> !outputs.changes.isEmpty() && !outputs.requests.isEmpty());
                    outputs.readToEnd();
                    assertThat(outputs.changes).singleElement().satisfies(change -> {
                        assertThat(change.getKind()).isEqualTo(ChangeEventKind.CHANGE);
                        assertThat(change.getDirection()).isEqualTo(ChangeDirection.REGRESSION);
                        assertThat(change.getFirstRunId()).isEqualTo("id-after.csv#row 0");
                        assertThat(change.getBefore().getMean()).isCloseTo(100.0, within(1e-9));
                        assertThat(change.getAfter().getMean()).isCloseTo(80.0, within(1e-9));
                    });

                    JsonNode served = get(server, "/models/" + PathSegments.encode(MODEL) + "/changes");
                    assertThat(served.path("model").asText()).isEqualTo(MODEL);
                    assertThat(served.path("changes")).singleElement().satisfies(change -> {
                        assertThat(change.path("changeId").asText()).isEqualTo(outputs.changes.get(0).getChangeId());
                        assertThat(change.path("metric").asText()).isEqualTo("tokens_per_s");
                        assertThat(change.path("direction").asText()).isEqualTo("REGRESSION");
                        assertThat(change.path("firstRunPath").asText()).isEqualTo("results/after.csv");
                        assertThat(change.path("before").path("mean").asDouble()).isCloseTo(100.0, within(1e-9));
                        assertThat(change.path("after").path("n").asLong()).isEqualTo(10);
                        assertThat(change.path("changePercent").asDouble()).isCloseTo(-20.0, within(1e-9));
                    });
                }

                int requestsBefore = outputs.requests.size();
                try (KafkaStreams second = streams(kafka, serdes, topics, stateDir.resolve("second"), null)) {
                    second.start();
                    send(runs, topics, level(TestFile.of("later.csv", "v1", ingested.plusSeconds(2)), 80, 20));
                    // The request comes from the evaluation's punctuation, in the same transaction as any change.
                    outputs.awaitUntil(() -> outputs.requests.size() > requestsBefore
                            && outputs.requests.get(outputs.requests.size() - 1).getMetrics().getRuns() == 30);
                    outputs.readToEnd();
                }
                assertThat(outputs.changes).as("no duplicate after the restore").hasSize(1);
            }
        }
    }

    /** 10 runs of {@code file} at {@code level} ±1, observed a minute apart from minute {@code from}. */
    private static List<BenchmarkRun> level(TestFile file, double level, int from) {
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 0; row < 10; row++) {
            runs.add(BenchmarkRun.newBuilder(file.run(MODEL, row, CONFIG, Map.of("tokens_per_s", level + (row % 2 == 0 ? 1 : -1))))
                    .setObservedAt(OBSERVED.plus(Duration.ofMinutes(from + row))).build());
        }
        return runs;
    }

    private static void send(KafkaProducer<String, BenchmarkRun> producer, TopicNames topics, List<BenchmarkRun> runs) {
        for (BenchmarkRun run : runs) {
            producer.send(new ProducerRecord<>(topics.of(Topics.BENCHMARK_RUNS), run.getModel(), run));
        }
        producer.flush();
    }

    private static KafkaStreams streams(KafkaSettings kafka, EventSerdes serdes, TopicNames topics, Path stateDir,
                                        QueryServer server) {
        AggregationSettings settings = AggregationSettings.defaults()
                .withDebounce(Duration.ofMillis(500))
                .withPunctuateInterval(Duration.ofMillis(100));
        Properties props = kafka.streamsProps("changes-it");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // The first instance sends no LeaveGroup (KAFKA-16514): the second waits out its session, the broker's least.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        if (server != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.applicationServer());
        }
        return new KafkaStreams(AggregationTopology.build(topics, AggregationSerdes.from(serdes), settings), props);
    }

    private static JsonNode get(QueryServer server, String rawPath) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.advertised().port() + rawPath)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** performance-changes and analysis-requests, read_committed as downstream reads them. */
    private static final class Outputs implements AutoCloseable {
        final KafkaConsumer<String, PerformanceChange> changesConsumer;
        final KafkaConsumer<String, AnalysisRequest> requestsConsumer;
        final List<PerformanceChange> changes = new ArrayList<>();
        final List<AnalysisRequest> requests = new ArrayList<>();

        Outputs(KafkaSettings kafka, EventSerdes serdes, TopicNames topics) {
            changesConsumer = new KafkaConsumer<>(kafka.consumerProps("chg-changes"), serdes.key().deserializer(),
                    serdes.value(Topics.PERFORMANCE_CHANGES).deserializer());
            requestsConsumer = new KafkaConsumer<>(kafka.consumerProps("chg-requests"), serdes.key().deserializer(),
                    serdes.value(Topics.ANALYSIS_REQUESTS).deserializer());
            changesConsumer.subscribe(List.of(topics.of(Topics.PERFORMANCE_CHANGES)));
            requestsConsumer.subscribe(List.of(topics.of(Topics.ANALYSIS_REQUESTS)));
        }

        /** Polls until {@code condition} holds; 90 s is far beyond what the debounce and a restore need. */
        void awaitUntil(BooleanSupplier condition) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime()).as(() -> "still waiting; changes " + changes + ", requests " + requests.size())
                        .isLessThan(deadline);
                poll();
            }
        }

        /** Reads performance-changes up to its last stable offset, so nothing committed so far is missed. */
        void readToEnd() {
            awaitUntil(() -> {
                if (changesConsumer.assignment().isEmpty()) {
                    return false;
                }
                Map<TopicPartition, Long> ends = changesConsumer.endOffsets(changesConsumer.assignment());
                return ends.entrySet().stream().allMatch(end -> changesConsumer.position(end.getKey()) >= end.getValue());
            });
        }

        private void poll() {
            for (ConsumerRecord<String, PerformanceChange> record : changesConsumer.poll(Duration.ofMillis(100))) {
                assertThat(record.key()).isEqualTo(record.value().getModel());
                changes.add(record.value());
            }
            for (ConsumerRecord<String, AnalysisRequest> record : requestsConsumer.poll(Duration.ofMillis(100))) {
                requests.add(record.value());
            }
        }

        @Override
        public void close() {
            changesConsumer.close();
            requestsConsumer.close();
        }
    }
}
