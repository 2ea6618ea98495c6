package io.chimera.insight.aggregate.query;

import io.chimera.insight.aggregate.statistics.ColdStartRule;
import io.chimera.insight.aggregate.topology.AggregationSerdes;
import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.aggregate.topology.AggregationTopology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.Metric;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.kafka.read.ConfigMetricsView;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.ConfigComparison;
import io.chimera.insight.platform.stats.ConfigDelta;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same input aggregated by one Streams instance and by two instances of another
 * application (four partitions, exactly_once_v2, persistent stores with changelogs), against the
 * embedded broker; then the query API of the two instances, each asked for models the other owns.
 *
 * <p>Both applications run at once on their own topic prefixes, so one broker and one wait serve
 * every test here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ScaleOutBrokerIT {

    private static final int PARTITIONS = 4;
    private static final int RUNS_PER_MODEL = 19;
    private static final Instant INGESTED = Instant.parse("2025-03-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, Expected> expected = new TreeMap<>();
    private Map<String, ModelMetrics> byOne;
    private Map<String, ModelMetrics> byTwo;
    private KafkaStreams streamsA;
    private QueryServer serverA;
    private QueryServer serverB;

    /** What the test's own input adds up to for one model, computed here by hand. */
    private record Expected(List<Double> tokensPerS) {
        double meanTokensPerS() {
            double sum = 0;
            for (double value : tokensPerS) {
                sum += value;
            }
            return sum / tokensPerS.size();
        }
    }

    @BeforeAll
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aggregateTheSameInputWithOneAndWithTwoInstances(@TempDir Path stateDir) throws Exception {
        LocalStack stack = LocalStack.start();
        resources.add(stack);
        KafkaSettings kafka = stack.kafkaSettings();
        EventSerdes serdes = new EventSerdes(stack.registryClient());
        TopicNames one = new TopicNames("one.");
        TopicNames two = new TopicNames("two.");
        TopicAdmin.ensureTopics(kafka, one, PARTITIONS);
        TopicAdmin.ensureTopics(kafka, two, PARTITIONS);

        KafkaStreams single = streams(kafka, serdes, one, "scale-one", stateDir.resolve("one"), null);
        serverA = QueryServer.bind(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1");
        resources.add(serverA);
        serverB = QueryServer.bind(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1");
        resources.add(serverB);
        streamsA = streams(kafka, serdes, two, "scale-two", stateDir.resolve("two-a"), serverA);
        KafkaStreams streamsB = streams(kafka, serdes, two, "scale-two", stateDir.resolve("two-b"), serverB);
        single.start();
        streamsA.start();
        streamsB.start();
        serverA.start(streamsA, ColdStartRule.defaults());
        serverB.start(streamsB, ColdStartRule.defaults());
        // Both instances hold tasks before any input, so the work really is split between them.
        awaitUntil(() -> single.state() == KafkaStreams.State.RUNNING
                && hasActiveTasks(streamsA) && hasActiveTasks(streamsB), () -> "instances never shared the tasks");

        try (KafkaProducer<String, BenchmarkRun> producer = new KafkaProducer<>(kafka.producerProps("scale-runs"),
                serdes.key().serializer(), serdes.value(Topics.BENCHMARK_RUNS).serializer())) {
            for (String model : modelsOnEveryPartition()) {
                for (BenchmarkRun run : runsOf(model)) {
                    producer.send(new ProducerRecord<>(one.of(Topics.BENCHMARK_RUNS), model, run));
                    producer.send(new ProducerRecord<>(two.of(Topics.BENCHMARK_RUNS), model, run));
                }
            }
            producer.flush();
        }

        try (LatestMetrics outOne = new LatestMetrics(kafka, serdes, one);
             LatestMetrics outTwo = new LatestMetrics(kafka, serdes, two)) {
            awaitUntil(() -> {
                outOne.poll();
                outTwo.poll();
                return outOne.complete() && outTwo.complete();
            }, () -> "aggregates incomplete: one " + outOne.runs() + ", two " + outTwo.runs());
            byOne = outOne.withConfigurations();
            byTwo = outTwo.withConfigurations();
        }
    }

    @AfterAll
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void twoInstancesProduceTheSameAggregatesAsOne() {
        assertThat(byTwo.keySet()).isEqualTo(byOne.keySet()).isEqualTo(expected.keySet());
        for (String model : expected.keySet()) {
            ModelMetrics single = byOne.get(model);
            assertThat(single.getRuns()).isEqualTo(RUNS_PER_MODEL);
            assertThat(single.getFailedRuns()).isEqualTo(1);
            assertThat(single.getMetrics().get("tokens_per_s").getMean())
                    .isCloseTo(expected.get(model).meanTokensPerS(), within(1e-9));
            // Statistics, sketches and counts alike; only the wall-clock times of emission differ.
            assertThat(withoutEmissionTimes(byTwo.get(model))).as(model).isEqualTo(withoutEmissionTimes(single));
        }
    }

    @Test
    void eachInstanceAnswersForAModelTheOtherOwns() throws Exception {
        for (QueryServer asked : List.of(serverA, serverB)) {
            String model = ownedBy(asked == serverA ? serverB : serverA);

            JsonNode answer = get(asked, "/models/" + PathSegments.encode(model), 200);

            assertThat(answer.path("model").asText()).isEqualTo(model);
            assertThat(answer.path("runs").asLong()).isEqualTo(RUNS_PER_MODEL);
            assertThat(answer.path("failedRuns").asLong()).isEqualTo(1);
            JsonNode tokens = answer.path("metrics").path("tokens_per_s");
            assertThat(tokens.path("unit").asText()).isEqualTo("tokens/s");
            assertThat(tokens.path("count").asLong()).isEqualTo(RUNS_PER_MODEL - 1);
            assertThat(tokens.path("mean").asDouble()).isCloseTo(expected.get(model).meanTokensPerS(), within(1e-9));
            assertThat(tokens.has("sketch")).as("no Avro internals").isFalse();
            assertThat(tokens.has("m2")).isFalse();
            assertThat(answer.path("configs")).extracting(config -> config.path("configKey").asText())
                    .containsExactly("", "num_ctx=2048", "num_gpu=80");
            assertThat(answer.path("lastSeen").asText()).isEqualTo(INGESTED.toString());
        }
    }

    @Test
    void configComparisonIsServedByEitherInstance() throws Exception {
        for (QueryServer asked : List.of(serverA, serverB)) {
            String model = ownedBy(asked == serverA ? serverB : serverA);

            JsonNode answer = get(asked, "/models/" + PathSegments.encode(model) + "/configs", 200);

            JsonNode comparison = answer.path("comparison");
            assertThat(answer.path("configs")).hasSize(3);
            assertThat(comparison.path("baselineConfigKey").asText()).isEqualTo("");
            // num_gpu=80 is built to be the fastest and the quickest to first token (see runsOf).
            assertThat(comparison.path("best").path("tokens_per_s").path("configKey").asText()).isEqualTo("num_gpu=80");
            assertThat(comparison.path("best").path("ttft_ms").path("configKey").asText()).isEqualTo("num_gpu=80");
            assertThat(comparison.path("deltas")).extracting(d -> d.path("configKey").asText() + " " + d.path("metric").asText())
                    .containsExactly("num_ctx=2048 tokens_per_s", "num_ctx=2048 ttft_ms",
                            "num_gpu=80 tokens_per_s", "num_gpu=80 ttft_ms");
            ConfigDelta gpuThroughput = ConfigComparison.of(byOne.get(model)).deltas(ComparedMetric.TOKENS_PER_S).get(1);
            JsonNode served = comparison.path("deltas").get(2);
            assertThat(served.path("pValue").asDouble()).isEqualTo(gpuThroughput.pValue());
            assertThat(served.path("significant").asBoolean()).isTrue();
            assertThat(served.path("improvement").asDouble()).isPositive();
        }
    }

    @Test
    void everyInstanceListsEveryModel() throws Exception {
        for (QueryServer asked : List.of(serverA, serverB)) {
            JsonNode answer = get(asked, "/models", 200);

            assertThat(answer.path("models")).extracting(summary -> summary.path("model").asText())
                    .containsExactlyElementsOf(expected.keySet());
            assertThat(answer.path("models")).allSatisfy(summary -> {
                assertThat(summary.path("runs").asLong()).isEqualTo(RUNS_PER_MODEL);
                assertThat(summary.path("configCount").asInt()).isEqualTo(3);
            });
        }
    }

    @Test
    void anUnknownModelIsA404WithAJsonErrorWhoeverOwnsIt() throws Exception {
        for (QueryServer asked : List.of(serverA, serverB)) {
            for (String unknown : List.of("no-such:model", "hf.co/nobody/nothing:Q8_0", "missing-7")) {
                JsonNode answer = get(asked, "/models/" + PathSegments.encode(unknown), 404);
                assertThat(answer.path("error").asText()).contains(unknown);
                get(asked, "/models/" + PathSegments.encode(unknown) + "/configs", 404);
            }
        }
    }

    @Test
    void otherPathsAndMethodsAreRefusedWithJsonErrors() throws Exception {
        assertThat(get(serverA, "/metrics", 404).path("error").asText()).isNotBlank();
        assertThat(get(serverA, "/models/gemma3:1m/runs", 404).path("error").asText()).isNotBlank();
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri(serverA, "/models"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(post.body()).path("error").asText()).isNotBlank();
    }

    /** Two models per partition, one of them with slashes in its name, so each instance owns several. */
    private List<String> modelsOnEveryPartition() {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        for (int i = 0; byPartition.values().stream().mapToInt(List::size).sum() < 2 * PARTITIONS; i++) {
            String candidate = i % 2 == 0 ? "gemma3:" + i + "m" : "hf.co/unsloth/model-" + i + ":Q4_K_M";
            List<String> models = byPartition.computeIfAbsent(partitionOf(candidate), p -> new ArrayList<>());
            boolean slashed = candidate.contains("/");
            if (models.stream().noneMatch(model -> model.contains("/") == slashed)) {
                models.add(candidate);
            }
        }
        List<String> models = new ArrayList<>();
        byPartition.values().forEach(models::addAll);
        return models;
    }

    /** The producer's default partitioner for a keyed record (murmur2 of the key bytes). */
    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /**
     * 19 runs: 6 with the defaults, 6 with num_ctx=2048, 6 + 1 failed with num_gpu=80, which is
     * built to be clearly faster (about 12 tokens/s) and quicker to first token than the baseline.
     */
    private List<BenchmarkRun> runsOf(String model) {
        int k = expected.size();
        List<Double> tokens = new ArrayList<>();
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 0; row < 6; row++) {
            double defaults = 50 + 10 * k + row * 0.5;
            double ctx = 52 + 10 * k + row * 0.1;
            double gpu = 62 + 10 * k + (row % 3) * 0.7;
            tokens.addAll(List.of(defaults, ctx, gpu));
            runs.add(run(model, "defaults.json", row, Map.of(), defaults, 300 - row * 3));
            runs.add(run(model, "sweep.csv", row, Map.of("num_ctx", "2048"), ctx, 310 - row));
            runs.add(run(model, "sweep.csv", 100 + row, Map.of("num_gpu", "80"), gpu, 200 + row));
        }
        runs.add(BenchmarkRun.newBuilder(run(model, "sweep.csv", 200, Map.of("num_gpu", "80"), 0, 0))
                .setOk(false).setError("CUDA out of memory").setMetrics(new LinkedHashMap<>()).build());
        expected.put(model, new Expected(tokens));
        return runs;
    }

    private static BenchmarkRun run(String model, String file, int row, Map<String, String> config, double tokensPerS,
                                    double ttftMs) {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        metrics.put("tokens_per_s", Metric.newBuilder().setValue(tokensPerS).setUnit("tokens/s").setSourceName("tokens_s").build());
        metrics.put("ttft_ms", Metric.newBuilder().setValue(ttftMs).setUnit("ms").setSourceName("ttft_ms").build());
        return BenchmarkRun.newBuilder()
                .setRunId(file + "#" + model + "#" + row)
                .setFileId("id-" + file)
                .setFileSha256("sha-" + file)
                .setPath("results/" + file)
                .setLocator("row " + row)
                .setModel(model)
                .setConfig(new LinkedHashMap<>(config))
                .setMetrics(metrics)
                .setIngestedAt(INGESTED)
                .build();
    }

    private KafkaStreams streams(KafkaSettings kafka, EventSerdes serdes, TopicNames topics, String applicationId,
                                 Path stateDir, QueryServer server) {
        AggregationSettings settings = AggregationSettings.defaults()
                .withDebounce(Duration.ofMillis(500))
                .withPunctuateInterval(Duration.ofMillis(100));
        Properties props = kafka.streamsProps(applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        if (server != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.applicationServer());
        }
        KafkaStreams streams = new KafkaStreams(AggregationTopology.build(topics, AggregationSerdes.from(serdes), settings), props);
        resources.add(() -> streams.close(Duration.ofSeconds(10)));
        return streams;
    }

    private static boolean hasActiveTasks(KafkaStreams streams) {
        return streams.state() == KafkaStreams.State.RUNNING
                && streams.metadataForLocalThreads().stream().anyMatch(thread -> !thread.activeTasks().isEmpty());
    }

    /** A model whose partition's active task is on {@code server}'s instance, asked of Streams directly. */
    private String ownedBy(QueryServer server) {
        HostInfo host = server.advertised();
        return expected.keySet().stream()
                .filter(model -> streamsA.queryMetadataForKey(AggregationTopology.CONFIG_AGGREGATES_STORE, model,
                        new StringSerializer()).activeHost().equals(host))
                .findFirst()
                .orElseThrow(() -> new AssertionError("instance " + host + " owns no model"));
    }

    private static ModelMetrics withoutEmissionTimes(ModelMetrics metrics) {
        return ModelMetrics.newBuilder(metrics).setUpdatedAt(Instant.EPOCH).setOldestPendingIngestAt(Instant.EPOCH)
                .setConfigsAt(Instant.EPOCH).build();
    }

    private JsonNode get(QueryServer server, String rawPath, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(server, rawPath)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(rawPath + " answered " + response.body()).isEqualTo(expectedStatus);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private static URI uri(QueryServer server, String rawPath) {
        return URI.create("http://" + server.applicationServer() + rawPath);
    }

    private static void awaitUntil(BooleanSupplier condition, java.util.function.Supplier<String> whyNot)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(whyNot).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The compacted view of one application's model-metrics, read_committed as downstream reads it. */
    private final class LatestMetrics implements AutoCloseable {
        final KafkaConsumer<String, ModelMetrics> consumer;
        final Map<String, ModelMetrics> latest = new TreeMap<>();
        /** The configurations the records count, put back as the analysis and the report do. */
        final ConfigMetricsView configs;

        LatestMetrics(KafkaSettings kafka, EventSerdes serdes, TopicNames topics) {
            configs = ConfigMetricsView.of(new KafkaContext(kafka, topics, serdes), "scale-configs-" + topics.of(Topics.CONFIG_METRICS));
            consumer = new KafkaConsumer<>(kafka.consumerProps("scale-metrics-" + topics.of(Topics.MODEL_METRICS)),
                    serdes.key().deserializer(), serdes.value(Topics.MODEL_METRICS).deserializer());
            consumer.subscribe(List.of(topics.of(Topics.MODEL_METRICS)));
        }

        void poll() {
            for (ConsumerRecord<String, ModelMetrics> record : consumer.poll(Duration.ofMillis(100))) {
                latest.put(record.key(), record.value());
            }
        }

        boolean complete() {
            return latest.keySet().equals(expected.keySet())
                    && latest.values().stream().allMatch(metrics -> metrics.getRuns() == RUNS_PER_MODEL);
        }

        /** The latest records with their configurations, each checked to be exactly those it counts. */
        Map<String, ModelMetrics> withConfigurations() {
            Map<String, ModelMetrics> whole = new TreeMap<>();
            latest.forEach((model, metrics) -> {
                ConfigMetricsView.Completed completed = configs.complete(metrics, Duration.ofSeconds(30));
                assertThat(completed.matchesRecord()).as(model).isTrue();
                whole.put(model, completed.metrics());
            });
            return whole;
        }

        Map<String, Long> runs() {
            Map<String, Long> runs = new TreeMap<>();
            latest.forEach((model, metrics) -> runs.put(model, metrics.getRuns()));
            return runs;
        }

        @Override
        public void close() {
            consumer.close();
            configs.close();
        }
    }
}
