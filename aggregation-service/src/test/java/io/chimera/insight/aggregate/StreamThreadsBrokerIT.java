package io.chimera.insight.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.kafka.read.ConfigMetricsView;
import io.chimera.insight.platform.topics.ConfigMetricsKey;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregation service with two stream threads ({@link AggregationSettings#streamThreads()}) against the
 * embedded broker, six partitions, models spread over them: its outputs are exactly those of one stream thread
 * over the same runs (each model's last model-metrics and analysis request, its config-metrics, its
 * performance-changes events, all but their wall-clock times), and Kafka Streams runs the threads asked for.
 * The two tasks' threads share the topology's serdes, codecs, catalog counter and change listener: what one
 * thread would compute differently beside another shows here.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamThreadsBrokerIT {

    private static final int PARTITIONS = 6;
    private static final int MODELS = 8;
    private static final Map<String, String> CONFIG = Map.of("num_ctx", "2048");
    private static final Instant INGESTED = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant OBSERVED = Instant.parse("2025-02-01T00:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void twoStreamThreadsPublishWhatOneDoesAndStreamsRunsBoth() throws Exception {
        List<String> models = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) {
            models.add("model-" + i + ":7b");
        }
        assertThat(partitionsOf(models)).as("the models are spread so that each thread has some").hasSizeGreaterThan(3);
        try (LocalStack stack = LocalStack.start()) {
            Outcome one = aggregate(stack, models, 1, "one.");
            Outcome two = aggregate(stack, models, 2, "two.");

            assertThat(one.threads()).isEqualTo(1);
            assertThat(two.threads()).as("KafkaStreams.metadataForLocalThreads()").isEqualTo(2);
            assertThat(one.changes()).as("every model's step is found").hasSize(MODELS);
            assertThat(two.metrics()).isEqualTo(one.metrics());
            assertThat(two.requests()).isEqualTo(one.requests());
            assertThat(two.configs()).isEqualTo(one.configs());
            assertThat(two.changes()).isEqualTo(one.changes());
        }
    }

    /** What one aggregation published, its wall-clock times set to the epoch, and the stream threads it ran. */
    private record Outcome(int threads, Map<String, ModelMetrics> metrics, Map<String, ModelMetrics> requests,
                           Map<String, List<ConfigStats>> configs, List<PerformanceChange> changes) {
    }

    /**
     * Runs the service with {@code threads} stream threads over topics of {@code prefix}, sends every model a
     * step (10 runs at its level, then 10 a fifth lower, in two files), waits until each model's last request
     * and model-metrics count its 20 runs, and reads its outputs to their end.
     */
    private Outcome aggregate(LocalStack stack, List<String> models, int threads, String prefix) throws Exception {
        KafkaSettings kafka = stack.kafkaSettings();
        TopicNames topics = new TopicNames(prefix);
        TopicAdmin.ensureTopics(kafka, topics, PARTITIONS);
        EventSerdes serdes = new EventSerdes(stack.registryClient());
        KafkaContext context = new KafkaContext(kafka, topics, serdes);
        AggregationSettings settings = AggregationSettings.defaults()
                // Long enough that no model's debounce expires inside its burst, on a loaded machine too.
                .withDebounce(Duration.ofSeconds(2))
                .withMaxDelay(Duration.ofSeconds(20))
                .withPunctuateInterval(Duration.ofMillis(100))
                .withStreamThreads(threads);
        AggregationService service = new AggregationService(context, settings, prefix + "aggregate",
                stateDir.resolve(prefix), 0);
        try (service;
             KafkaProducer<String, BenchmarkRun> runs = new KafkaProducer<>(kafka.producerProps(prefix + "runs"),
                     serdes.key().serializer(), serdes.value(Topics.BENCHMARK_RUNS).serializer());
             Outputs outputs = new Outputs(context, prefix);
             ConfigMetricsView view = ConfigMetricsView.of(context, prefix + "config-view")) {
            service.start();
            int threadsRun = service.streams().metadataForLocalThreads().size();
            for (int i = 0; i < models.size(); i++) {
                double level = 100 + 10 * i;
                send(runs, topics, level(models.get(i), TestFile.of("before-" + i + ".csv", "v1", INGESTED), level, 0));
                send(runs, topics, level(models.get(i), TestFile.of("after-" + i + ".csv", "v1", INGESTED.plusSeconds(1)),
                        level * 0.8, 10));
            }
            runs.flush();
            outputs.awaitUntil(() -> models.stream().allMatch(model -> outputs.requestedRuns(model) == 20
                    && outputs.metricsRuns(model) == 20));
            outputs.readToEnd();
            view.catchUp(Duration.ofSeconds(30));
            Map<String, List<ConfigStats>> configs = new TreeMap<>();
            for (String model : models) {
                configs.put(model, view.configs(model));
            }
            Map<String, ModelMetrics> metrics = new TreeMap<>();
            outputs.latest.forEach((model, record) -> metrics.put(model, timeless(record)));
            Map<String, ModelMetrics> requests = new TreeMap<>();
            outputs.lastRequests.forEach((model, request) -> requests.put(model, timeless(request.getMetrics())));
            List<PerformanceChange> changes = new ArrayList<>(outputs.changes.stream().map(StreamThreadsBrokerIT::timeless)
                    .toList());
            changes.sort(Comparator.comparing(PerformanceChange::getChangeId));
            assertThat(changes).allSatisfy(change -> assertThat(change.getKind()).isEqualTo(ChangeEventKind.CHANGE));
            return new Outcome(threadsRun, metrics, requests, configs, changes);
        }
    }

    /** 10 runs of {@code model} in {@code file} at {@code level} ±1, observed a minute apart from minute {@code from}. */
    private static List<BenchmarkRun> level(String model, TestFile file, double level, int from) {
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 0; row < 10; row++) {
            runs.add(BenchmarkRun.newBuilder(file.run(model, row, CONFIG, Map.of("tokens_per_s", level + (row % 2 == 0 ? 1 : -1))))
                    .setObservedAt(OBSERVED.plus(Duration.ofMinutes(from + row))).build());
        }
        return runs;
    }

    private static void send(KafkaProducer<String, BenchmarkRun> producer, TopicNames topics, List<BenchmarkRun> runs) {
        for (BenchmarkRun run : runs) {
            producer.send(new ProducerRecord<>(topics.of(Topics.BENCHMARK_RUNS), run.getModel(), run));
        }
    }

    /** The partitions the producer's default partitioner puts the models' keys in. */
    private static Set<Integer> partitionsOf(List<String> models) {
        Set<Integer> partitions = new TreeSet<>();
        for (String model : models) {
            partitions.add(ConfigMetricsKey.partitionOf(model, PARTITIONS));
        }
        return partitions;
    }

    /** The record with its wall-clock times (emission, last change, detection) at the epoch. */
    private static ModelMetrics timeless(ModelMetrics metrics) {
        ModelMetrics.Builder builder = ModelMetrics.newBuilder(metrics).setUpdatedAt(Instant.EPOCH)
                .setConfigsAt(Instant.EPOCH);
        ModelChanges changes = metrics.getChanges();
        if (changes != null) {
            builder.setChanges(ModelChanges.newBuilder(changes)
                    .setStanding(changes.getStanding().stream().map(StreamThreadsBrokerIT::timeless).toList())
                    .setRetracted(changes.getRetracted().stream().map(StreamThreadsBrokerIT::timeless).toList())
                    .build());
        }
        return builder.build();
    }

    private static PerformanceChange timeless(PerformanceChange change) {
        return PerformanceChange.newBuilder(change).setDetectedAt(Instant.EPOCH)
                .setRetractedAt(change.getRetractedAt() == null ? null : Instant.EPOCH).build();
    }

    /** model-metrics, analysis-requests and performance-changes, read_committed as downstream reads them. */
    private static final class Outputs implements AutoCloseable {
        final KafkaConsumer<String, ModelMetrics> metricsConsumer;
        final KafkaConsumer<String, AnalysisRequest> requestsConsumer;
        final KafkaConsumer<String, PerformanceChange> changesConsumer;
        final Map<String, ModelMetrics> latest = new HashMap<>();
        final Map<String, AnalysisRequest> lastRequests = new HashMap<>();
        final List<PerformanceChange> changes = new ArrayList<>();

        Outputs(KafkaContext kafka, String prefix) {
            EventSerdes serdes = kafka.serdes();
            metricsConsumer = new KafkaConsumer<>(kafka.settings().consumerProps(prefix + "it-metrics"),
                    serdes.key().deserializer(), serdes.value(Topics.MODEL_METRICS).deserializer());
            requestsConsumer = new KafkaConsumer<>(kafka.settings().consumerProps(prefix + "it-requests"),
                    serdes.key().deserializer(), serdes.value(Topics.ANALYSIS_REQUESTS).deserializer());
            changesConsumer = new KafkaConsumer<>(kafka.settings().consumerProps(prefix + "it-changes"),
                    serdes.key().deserializer(), serdes.value(Topics.PERFORMANCE_CHANGES).deserializer());
            metricsConsumer.subscribe(List.of(kafka.names().of(Topics.MODEL_METRICS)));
            requestsConsumer.subscribe(List.of(kafka.names().of(Topics.ANALYSIS_REQUESTS)));
            changesConsumer.subscribe(List.of(kafka.names().of(Topics.PERFORMANCE_CHANGES)));
        }

        /** Polls until {@code condition} holds; 90 s is far beyond what the debounce needs. */
        void awaitUntil(BooleanSupplier condition) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime()).as(() -> "still waiting; requested runs "
                        + lastRequests.values().stream().map(r -> r.getModel() + "=" + r.getMetrics().getRuns()).toList())
                        .isLessThan(deadline);
                poll();
            }
        }

        long requestedRuns(String model) {
            AnalysisRequest last = lastRequests.get(model);
            return last == null ? -1 : last.getMetrics().getRuns();
        }

        long metricsRuns(String model) {
            ModelMetrics last = latest.get(model);
            return last == null ? -1 : last.getRuns();
        }

        /** Reads every output up to its last stable offset, so nothing committed so far is missed. */
        void readToEnd() {
            awaitUntil(() -> atEnd(metricsConsumer) && atEnd(requestsConsumer) && atEnd(changesConsumer));
        }

        private static boolean atEnd(KafkaConsumer<?, ?> consumer) {
            if (consumer.assignment().isEmpty()) {
                return false;
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        }

        private void poll() {
            for (ConsumerRecord<String, ModelMetrics> record : metricsConsumer.poll(Duration.ofMillis(50))) {
                latest.put(record.key(), record.value());
            }
            for (ConsumerRecord<String, AnalysisRequest> record : requestsConsumer.poll(Duration.ofMillis(50))) {
                lastRequests.put(record.key(), record.value());
            }
            for (ConsumerRecord<String, PerformanceChange> record : changesConsumer.poll(Duration.ofMillis(50))) {
                changes.add(record.value());
            }
        }

        @Override
        public void close() {
            metricsConsumer.close();
            requestsConsumer.close();
            changesConsumer.close();
        }
    }
}
