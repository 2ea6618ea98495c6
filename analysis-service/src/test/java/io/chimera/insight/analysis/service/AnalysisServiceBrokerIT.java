package io.chimera.insight.analysis.service;

import io.chimera.insight.analysis.llm.LlmApi;
import io.chimera.insight.analysis.llm.LlmClientSettings;
import io.chimera.insight.analysis.llm.pool.PoolSettings;
import io.chimera.insight.analysis.llm.pool.WorkerPool;
import io.chimera.insight.analysis.prompt.PromptBuilder;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.AnalysisStatus;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.SimulatorSettings;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The analysis service between the real analysis-requests and analysis-results topics of the
 * embedded broker, with simulated GPU workers: concurrency, retries while no worker answers,
 * supersession, restarts and backpressure.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnalysisServiceBrokerIT {

    private static final AtomicInteger TEST_NUMBER = new AtomicInteger();
    private static LocalStack stack;
    private static KafkaSettings kafka;
    private static EventSerdes serdes;

    /** Retries and probes fast enough for a test: recovery within about a second. */
    private static final PoolSettings POOL = PoolSettings.defaults()
            .withBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
            .withProbeInterval(Duration.ofMillis(300));
    private static final AnalysisServiceSettings PACING = AnalysisServiceSettings.defaults()
            .withRetry(Duration.ofMillis(200), Duration.ofSeconds(1));

    private final List<AutoCloseable> resources = new ArrayList<>();
    private TopicNames names;
    private String group;

    @BeforeAll
    static void startBroker() {
        stack = LocalStack.start();
        kafka = stack.kafkaSettings();
        serdes = new EventSerdes(stack.registryClient());
    }

    @AfterAll
    static void stopBroker() {
        stack.close();
    }

    /** Fresh topics and consumer group per test, so tests cannot see each other's records. */
    private void freshTopics() {
        int n = TEST_NUMBER.incrementAndGet();
        names = new TopicNames("analysis-it" + n + ".");
        group = "analysis-it" + n;
        TopicAdmin.ensureTopics(kafka, names, 2);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void withoutAWorkerTheFactsGoOutAtOnceAndTheNarrativeFollowsWhenAWorkerAnswers() throws Exception {
        freshTopics();
        OllamaSimulator worker = simulator(new SimulatorSettings());
        worker.pause();
        start(service(LlmApi.OLLAMA, PACING, POOL, worker));

        publish(AnalysisFixtures.request("r1", "gemma3:270m", 12));
        Results results = results();
        results.awaitUntil(list -> !list.isEmpty());
        Thread.sleep(1_500); // several retry rounds without a worker
        assertThat(results.snapshot()).singleElement().satisfies(pending -> {
            assertThat(pending.getStatus()).isEqualTo(AnalysisStatus.LLM_UNAVAILABLE);
            assertThat(pending.getRequestId()).isEqualTo("r1");
            assertThat(pending.getMetrics().getRuns()).isEqualTo(12);
            assertThat(pending.getError()).contains(worker.baseUrl());
        });
        assertThat(committedOffsets().values()).as("nothing committed past the request waiting for a worker")
                .allSatisfy(offset -> assertThat(offset).isZero());

        worker.resume();

        List<AnalysisResult> all = results.awaitUntil(list -> list.size() >= 2);
        assertThat(all).extracting(AnalysisResult::getRequestId, AnalysisResult::getStatus).containsExactly(
                tuple("r1", AnalysisStatus.LLM_UNAVAILABLE), tuple("r1", AnalysisStatus.OK));
        assertThat(all.get(1).getNarrative()).isNotNull();
        assertThat(all.get(1).getCall().getEndpoint()).isEqualTo(worker.baseUrl());
        assertThat(awaitCommitted(1)).containsValue(1L);
    }

    @Test
    void aRestartAnalysesTheRequestThatWasStillWaitingForAWorker() throws Exception {
        freshTopics();
        OllamaSimulator worker = simulator(new SimulatorSettings());
        worker.pause();
        Results results = results();
        try (AnalysisService first = service(LlmApi.OLLAMA, PACING, POOL, worker)) {
            first.start();
            publish(AnalysisFixtures.request("r1", "gemma3:270m", 12));
            results.awaitUntil(list -> !list.isEmpty());
        }
        worker.resume();

        start(service(LlmApi.OLLAMA, PACING, POOL, worker));

        List<AnalysisResult> all = results.awaitUntil(list -> list.size() >= 2);
        assertThat(all).extracting(AnalysisResult::getRequestId, AnalysisResult::getStatus).containsExactly(
                tuple("r1", AnalysisStatus.LLM_UNAVAILABLE), tuple("r1", AnalysisStatus.OK));
        assertThat(awaitCommitted(1)).containsValue(1L);
    }

    @Test
    void aNewerRequestForTheModelSupersedesTheOneWaitingForAWorker() throws Exception {
        freshTopics();
        OllamaSimulator worker = simulator(new SimulatorSettings());
        worker.pause();
        start(service(LlmApi.OLLAMA, PACING, POOL, worker));
        Results results = results();

        publish(AnalysisFixtures.request("old", "gemma3:270m", 10));
        results.awaitUntil(list -> !list.isEmpty());
        publish(AnalysisFixtures.request("new", "gemma3:270m", 20));
        results.awaitUntil(list -> list.size() >= 2);
        worker.resume();

        results.awaitUntil(list -> list.stream().anyMatch(r -> r.getStatus() == AnalysisStatus.OK));
        assertThat(awaitCommitted(1)).containsValue(2L);
        assertThat(results.snapshot()).extracting(AnalysisResult::getRequestId, AnalysisResult::getStatus)
                .containsExactly(tuple("old", AnalysisStatus.LLM_UNAVAILABLE),
                        tuple("new", AnalysisStatus.LLM_UNAVAILABLE), tuple("new", AnalysisStatus.OK));
        assertThat(results.snapshot().get(2).getMetrics().getRuns()).isEqualTo(20);
        assertThat(worker.callCount("/api/chat")).isEqualTo(1);
    }

    @Test
    void manyModelsAreAnalysedAtOnceOnBothWorkersWhileConsumptionPausesWhenTooManyWait() throws Exception {
        freshTopics();
        OllamaSimulator a = simulator(new SimulatorSettings().ttftMs(250));
        OllamaSimulator b = simulator(new SimulatorSettings().ttftMs(250));
        AnalysisServiceSettings tight = PACING.withMaxHeldRequests(2).withMaxPollRecords(2);
        AnalysisService service = start(service(LlmApi.OLLAMA, tight, POOL.withQueueCapacity(1), a, b));
        Results results = results();

        List<AnalysisRequest> burst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            burst.add(AnalysisFixtures.request("r" + i, "model-" + i, 12));
        }
        publish(burst.toArray(AnalysisRequest[]::new));

        List<AnalysisResult> all = results.awaitUntil(list -> list.size() >= 12);
        assertThat(all).hasSize(12).allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(AnalysisStatus.OK));
        assertThat(all).extracting(AnalysisResult::getModel).doesNotHaveDuplicates();
        assertThat(a.peakConcurrency()).isEqualTo(1);
        assertThat(b.peakConcurrency()).isEqualTo(1);
        assertThat(a.completedCount()).isPositive();
        assertThat(b.completedCount()).isPositive();
        // held = waiting outside the 3-request pool; it reached the limit, so consumption paused, and one
        // poll (2 records) can overshoot it by at most one
        assertThat(service.peakHeldRequests()).isBetween(2, 3);
        assertThat(awaitCommitted(2).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12L);
    }

    @Test
    void theOpenAiProtocolEndToEnd() throws Exception {
        freshTopics();
        OllamaSimulator server = simulator(new SimulatorSettings().ttftMs(40));
        start(service(LlmApi.OPENAI, PACING, POOL, server));
        Results results = results();

        publish(AnalysisFixtures.request("r1", "gemma3:270m", 12));

        AnalysisResult result = results.awaitUntil(list -> !list.isEmpty()).get(0);
        assertThat(result.getStatus()).isEqualTo(AnalysisStatus.OK);
        assertThat(result.getNarrative().getSummary()).startsWith("The model delivered steady throughput");
        assertThat(result.getCall().getApi()).isEqualTo("openai");
        assertThat(result.getCall().getEvalCount()).isPositive();
        assertThat(result.getCall().getTtftMs()).isGreaterThanOrEqualTo(40.0);
        assertThat(server.callCount("/v1/chat/completions")).isEqualTo(1);
        assertThat(server.requests().stream().filter(r -> r.path().equals("/v1/chat/completions")))
                .singleElement().satisfies(sent ->
                        assertThat(sent.body().path("stream_options").path("include_usage").asBoolean()).isTrue());
    }

    @Test
    void aResultTooLargeToPublishDeadLettersItsRequestAndTheNextRequestIsAnalysed() throws Exception {
        freshTopics();
        OllamaSimulator worker = simulator(new SimulatorSettings());
        // The aggregate's file list goes into its result: 300 paths of 100 random letters make it far over
        // a 20,000-byte request limit.
        Random random = new Random(5);
        List<String> files = new ArrayList<>();
        for (int f = 0; f < 300; f++) {
            StringBuilder path = new StringBuilder("/rigs/");
            for (int i = 0; i < 100; i++) {
                path.append((char) ('a' + random.nextInt(26)));
            }
            files.add(path.toString());
        }
        AnalysisRequest big = AnalysisFixtures.request("r1", "gemma3:1b", 12);
        big.getMetrics().setFiles(files);
        KafkaSettings small = new KafkaSettings(kafka.bootstrapServers(), kafka.schemaRegistryUrl(),
                Map.of("max.request.size", "20000"));
        AnalysisService service = start(service(small, LlmApi.OLLAMA, PACING, POOL, worker));

        publish(big);
        awaitCommitted(1);
        publish(AnalysisFixtures.request("r2", "gemma3:270m", 12));

        List<AnalysisResult> all = results().awaitUntil(list -> !list.isEmpty());
        assertThat(all).extracting(AnalysisResult::getRequestId).containsExactly("r2");
        List<DeadLetter> letters = deadLetters();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.getStage()).isEqualTo("analysis");
            assertThat(letter.getErrorClass()).endsWith("RecordTooLargeException");
            assertThat(letter.getMessage()).contains("max.request.size");
            assertThat(letter.getLocator()).isEqualTo("gemma3:1b");
        });
        assertThat(service.isRunning()).isTrue();
    }

    private AnalysisService service(LlmApi api, AnalysisServiceSettings pacing, PoolSettings pool,
                                    OllamaSimulator... workers) {
        return service(kafka, api, pacing, pool, workers);
    }

    private AnalysisService service(KafkaSettings settings, LlmApi api, AnalysisServiceSettings pacing,
                                    PoolSettings pool, OllamaSimulator... workers) {
        List<String> urls = new ArrayList<>();
        for (OllamaSimulator worker : workers) {
            urls.add(worker.baseUrl());
        }
        WorkerPool workerPool = WorkerPool.create(api, urls, SimulatorSettings.DEFAULT_MODEL,
                LlmClientSettings.defaults(), pool);
        Analyst analyst = new Analyst(workerPool, PromptBuilder.withDefaults(), Map.of(), null, Clock.systemUTC());
        return new AnalysisService(new KafkaContext(settings, names, serdes), analyst, pacing, group);
    }

    private AnalysisService start(AnalysisService service) {
        resources.add(0, service);
        service.start();
        return service;
    }

    private OllamaSimulator simulator(SimulatorSettings settings) {
        OllamaSimulator simulator = new OllamaSimulator(settings).start();
        resources.add(simulator);
        return simulator;
    }

    /** Publishes the requests in one go, keyed by model as the aggregation does. */
    private void publish(AnalysisRequest... requests) throws Exception {
        try (KafkaProducer<String, AnalysisRequest> producer = new KafkaProducer<>(kafka.producerProps("it-requests"),
                serdes.key().serializer(), serdes.value(Topics.ANALYSIS_REQUESTS).serializer())) {
            for (AnalysisRequest request : requests) {
                producer.send(new ProducerRecord<>(names.of(Topics.ANALYSIS_REQUESTS), request.getModel(), request));
            }
            producer.flush();
        }
    }

    private Map<TopicPartition, Long> committedOffsets() throws Exception {
        try (Admin admin = Admin.create(kafka.adminProps())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> plain = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    plain.put(partition, offset.offset());
                }
            });
            return plain;
        }
    }

    /** Waits until offsets are committed for {@code partitions} partitions of the request topic. */
    private Map<TopicPartition, Long> awaitCommitted(int partitions) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<TopicPartition, Long> committed = committedOffsets();
        while (committed.size() < partitions || committed.values().stream().mapToLong(Long::longValue).sum() == 0) {
            assertThat(System.nanoTime()).as("offsets committed: " + committed).isLessThan(deadline);
            Thread.sleep(100);
            committed = committedOffsets();
        }
        Thread.sleep(300); // a last commit may be on its way
        return committedOffsets();
    }

    /** The committed dead letters so far, read from the start. */
    private List<DeadLetter> deadLetters() {
        var props = kafka.consumerProps("it-dead-letters");
        props.remove("group.id");
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(props, serdes.key().deserializer(),
                serdes.value(Topics.DEAD_LETTERS).deserializer())) {
            String topic = names.of(Topics.DEAD_LETTERS);
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<DeadLetter> letters = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> letters.add(record.value()));
            }
            return letters;
        }
    }

    private Results results() {
        Results results = new Results();
        resources.add(results);
        return results;
    }

    /** Reads analysis-results from the start, committed records only, in partition order. */
    private final class Results implements AutoCloseable {
        private final KafkaConsumer<String, AnalysisResult> consumer;
        private final List<AnalysisResult> seen = new ArrayList<>();

        Results() {
            var props = kafka.consumerProps("it-results");
            props.remove("group.id");
            consumer = new KafkaConsumer<>(props, serdes.key().deserializer(),
                    serdes.value(Topics.ANALYSIS_RESULTS).deserializer());
            String topic = names.of(Topics.ANALYSIS_RESULTS);
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        List<AnalysisResult> awaitUntil(Predicate<List<AnalysisResult>> condition) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!condition.test(seen)) {
                assertThat(System.nanoTime()).as("results so far: " + seen).isLessThan(deadline);
                for (ConsumerRecord<String, AnalysisResult> record : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(record.value());
                }
            }
            return List.copyOf(seen);
        }

        List<AnalysisResult> snapshot() {
            for (ConsumerRecord<String, AnalysisResult> record : consumer.poll(Duration.ofMillis(300))) {
                seen.add(record.value());
            }
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
