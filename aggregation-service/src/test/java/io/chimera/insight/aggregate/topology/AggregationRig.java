package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.state.BoundedRocksDbMemory;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The aggregation topology in a {@link TopologyTestDriver}, with the production serdes over an
 * in-memory registry, and a wall clock that the test moves.
 */
public final class AggregationRig implements AutoCloseable {

    public static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    private final AggregationSettings settings;
    private final AggregationSerdes serdes;
    private final TopicNames topics;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, BenchmarkRun> runs;
    private final TestInputTopic<String, BenchmarkFile> files;
    private final TestOutputTopic<String, byte[]> metrics;
    private final TestOutputTopic<String, byte[]> requests;
    private final TestInputTopic<String, byte[]> rawRuns;
    private final TestOutputTopic<String, DeadLetter> deadLetters;
    private final TestOutputTopic<String, PerformanceChange> changes;
    private final TestOutputTopic<String, byte[]> configs;
    private final List<TestRecord<String, ConfigStats>> configRecords = new ArrayList<>();
    /** The compacted view of config-metrics: key to its latest value, tombstones removing. */
    private final Map<String, ConfigStats> latestConfigs = new java.util.TreeMap<>();
    private final Map<String, Long> latestFingerprints = new java.util.HashMap<>();
    private final List<TestRecord<String, PerformanceChange>> changesSeen = new ArrayList<>();
    private final Map<String, ModelMetrics> latestMetrics = new LinkedHashMap<>();
    private final List<TestRecord<String, ModelMetrics>> metricsRecords = new ArrayList<>();
    private final List<TestRecord<String, ModelMetrics>> rawMetricsRecords = new ArrayList<>();
    private final List<AnalysisRequest> rawRequests = new ArrayList<>();
    private final io.chimera.insight.platform.topics.ConfigFingerprint fingerprints =
            new io.chimera.insight.platform.topics.ConfigFingerprint();
    private final List<AnalysisRequest> requestsSeen = new ArrayList<>();
    /** Every record of config-metrics, model-metrics and analysis-requests as the topic got it, per topic in order. */
    private final Map<Topic<?>, List<TestRecord<String, byte[]>>> written = new LinkedHashMap<>();
    private long elapsedMillis;

    /** With in-memory stores: TopologyTestDriver commits after every record, which RocksDB makes slow. */
    AggregationRig(AggregationSettings settings, Path stateDir) {
        this(settings, stateDir, AggregationTopology.StoreKind.IN_MEMORY);
    }

    AggregationRig(AggregationSettings settings, Path stateDir, AggregationTopology.StoreKind storeKind) {
        this.settings = settings;
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        serdes = new AggregationSerdes(Serdes.String(),
                AvroSerde.forValue(registry, BenchmarkRun.class), AvroSerde.forValue(registry, BenchmarkFile.class),
                AvroSerde.forValue(registry, ModelMetrics.class), AvroSerde.forValue(registry, AnalysisRequest.class),
                AvroSerde.forValue(registry, DeadLetter.class), AvroSerde.forValue(registry, PerformanceChange.class),
                AvroSerde.forValue(registry, ConfigStats.class));
        topics = new TopicNames("test.");

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregation-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The service's RocksDB settings, for the tests on persistent stores (in-memory ones ignore them).
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        driver = new TopologyTestDriver(AggregationTopology.build(topics, serdes, settings, storeKind), props, START);

        runs = driver.createInputTopic(topics.of(Topics.BENCHMARK_RUNS), serdes.keys().serializer(), serdes.runs().serializer());
        files = driver.createInputTopic(topics.of(Topics.BENCHMARK_FILES), serdes.keys().serializer(), serdes.files().serializer());
        metrics = driver.createOutputTopic(topics.of(Topics.MODEL_METRICS), serdes.keys().deserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        requests = driver.createOutputTopic(topics.of(Topics.ANALYSIS_REQUESTS), serdes.keys().deserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        rawRuns = driver.createInputTopic(topics.of(Topics.BENCHMARK_RUNS), serdes.keys().serializer(), new ByteArraySerializer());
        deadLetters = driver.createOutputTopic(topics.of(Topics.DEAD_LETTERS), serdes.keys().deserializer(),
                serdes.deadLetters().deserializer());
        changes = driver.createOutputTopic(topics.of(Topics.PERFORMANCE_CHANGES), serdes.keys().deserializer(),
                serdes.changes().deserializer());
        // Raw bytes: a reader fingerprints the Avro body the aggregation sent (see ConfigMetricsView).
        configs = driver.createOutputTopic(topics.of(Topics.CONFIG_METRICS), serdes.keys().deserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    }

    /** Publishes runs keyed by their model, as ingest does. */
    void publish(List<BenchmarkRun> batch) {
        batch.forEach(this::publish);
    }

    void publish(BenchmarkRun run) {
        runs.pipeInput(run.getModel(), run);
    }

    /** Publishes any bytes as a {@code benchmark-runs} value. */
    void publishRaw(String key, byte[] value) {
        rawRuns.pipeInput(key, value);
    }

    /** The bytes ingest would publish for {@code run}: Confluent wire format, schema id from this rig's registry. */
    byte[] encode(BenchmarkRun run) {
        return serdes.runs().serializer().serialize(topics.of(Topics.BENCHMARK_RUNS), run);
    }

    /** Dead letters emitted since the last call (dead-letters key: the record's topic/partition@offset). */
    List<TestRecord<String, DeadLetter>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    void publishFile(BenchmarkFile file) {
        files.pipeInput(file.getFileId(), file);
    }

    /** Moves the wall clock forward in punctuation-sized steps, so every tick on the way fires. */
    void advance(Duration total) {
        long step = settings.punctuateInterval().toMillis();
        long remaining = total.toMillis();
        while (remaining > 0) {
            long now = Math.min(step, remaining);
            driver.advanceWallClockTime(Duration.ofMillis(now));
            elapsedMillis += now;
            remaining -= now;
            drain();
        }
    }

    /** Once input has stopped: long enough for every pending model to go quiet and be requested. */
    void settle() {
        advance(settings.debounce().plus(settings.punctuateInterval().multipliedBy(2)));
    }

    /** The driver's wall clock. */
    Instant wallClock() {
        return START.plusMillis(elapsedMillis);
    }

    private void drain() {
        for (TestRecord<String, byte[]> raw : configs.readRecordsToList()) {
            writtenTo(Topics.CONFIG_METRICS).add(raw);
            ConfigStats value = serdes.configs().deserializer().deserialize(topics.of(Topics.CONFIG_METRICS), raw.value());
            configRecords.add(new TestRecord<>(raw.key(), value, raw.headers(), raw.getRecordTime()));
            if (value == null) {
                latestConfigs.remove(raw.key());
                latestFingerprints.remove(raw.key());
            } else {
                latestConfigs.put(raw.key(), value);
                java.nio.ByteBuffer body = java.nio.ByteBuffer.wrap(raw.value());
                io.chimera.insight.schemas.serde.WireFormat.readSchemaId(topics.of(Topics.CONFIG_METRICS), body);
                latestFingerprints.put(raw.key(), fingerprints.ofBody(body));
            }
        }
        for (TestRecord<String, byte[]> raw : metrics.readRecordsToList()) {
            writtenTo(Topics.MODEL_METRICS).add(raw);
            TestRecord<String, ModelMetrics> record = new TestRecord<>(raw.key(),
                    serdes.metrics().deserializer().deserialize(topics.of(Topics.MODEL_METRICS), raw.value()),
                    raw.headers(), raw.getRecordTime());
            rawMetricsRecords.add(record);
            ModelMetrics completed = completed(record.value());
            metricsRecords.add(new TestRecord<>(record.key(), completed, record.headers(), record.getRecordTime()));
            latestMetrics.put(record.key(), completed);
        }
        for (TestRecord<String, byte[]> raw : requests.readRecordsToList()) {
            writtenTo(Topics.ANALYSIS_REQUESTS).add(raw);
            AnalysisRequest request = serdes.requests().deserializer().deserialize(topics.of(Topics.ANALYSIS_REQUESTS),
                    raw.value());
            rawRequests.add(request);
            AnalysisRequest completed = shallowCopy(request, new AnalysisRequest());
            completed.setMetrics(completed(request.getMetrics()));
            requestsSeen.add(completed);
        }
        changesSeen.addAll(changes.readRecordsToList());
    }

    private List<TestRecord<String, byte[]>> writtenTo(Topic<?> topic) {
        return written.computeIfAbsent(topic, t -> new ArrayList<>());
    }

    /**
     * The records of {@code topic} (config-metrics, model-metrics or analysis-requests) so far, oldest first,
     * with the bytes the aggregation's sink wrote.
     */
    List<TestRecord<String, byte[]>> written(Topic<?> topic) {
        drain();
        return List.copyOf(writtenTo(topic));
    }

    /** Every performance-changes record emitted so far (key: model), oldest first. */
    List<TestRecord<String, PerformanceChange>> changes() {
        drain();
        return changesSeen;
    }

    /** The last model-metrics value emitted per model so far (the compacted view). */
    ModelMetrics latest(String model) {
        drain();
        return latestMetrics.get(model);
    }

    List<TestRecord<String, ModelMetrics>> metricsRecords() {
        drain();
        return metricsRecords;
    }

    /**
     * {@code metrics} with its configurations from config-metrics, as readers complete it; drained on
     * every tick, so the configurations are those of the record's own emission, and checked to be
     * exactly those the record counts (count and digest), so every topology test checks that too.
     */
    private ModelMetrics completed(ModelMetrics metrics) {
        List<ConfigStats> configs = latestConfigsNow(metrics.getModel());
        String prefix = io.chimera.insight.platform.topics.ConfigMetricsKey.of(metrics.getModel(), "");
        long digest = latestFingerprints.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(Map.Entry::getValue).sum();
        if (configs.size() != metrics.getConfigCount() || digest != metrics.getConfigsDigest()) {
            throw new AssertionError("config-metrics holds " + configs.size() + " configuration(s) of "
                    + metrics.getModel() + " (digest " + digest + "), its record counts " + metrics.getConfigCount()
                    + " (digest " + metrics.getConfigsDigest() + ")");
        }
        if (!metrics.getConfigs().isEmpty()) {
            throw new AssertionError("a model record carries its configurations: " + metrics.getModel());
        }
        ModelMetrics copy = shallowCopy(metrics, new ModelMetrics());
        copy.setConfigs(configs);
        return copy;
    }

    /** Field by field into {@code copy}: the raw record stays as the topic holds it. */
    private static <T extends org.apache.avro.specific.SpecificRecordBase> T shallowCopy(T record, T copy) {
        for (int field = 0; field < record.getSchema().getFields().size(); field++) {
            copy.put(field, record.get(field));
        }
        return copy;
    }

    /** {@code metrics} as model-metrics carries it: Confluent wire format, the rig's registry. */
    byte[] encoded(ModelMetrics metrics) {
        return serdes.metrics().serializer().serialize(topics.of(Topics.MODEL_METRICS), metrics);
    }

    /** {@code request} as analysis-requests carries it. */
    byte[] encoded(AnalysisRequest request) {
        return serdes.requests().serializer().serialize(topics.of(Topics.ANALYSIS_REQUESTS), request);
    }

    /** {@code config} as config-metrics carries it. */
    byte[] encoded(ConfigStats config) {
        return serdes.configs().serializer().serialize(topics.of(Topics.CONFIG_METRICS), config);
    }

    /** The model-metrics records as the topic holds them: counting configurations, not carrying them. */
    List<TestRecord<String, ModelMetrics>> rawMetricsRecords() {
        drain();
        return rawMetricsRecords;
    }

    /** The analysis requests as the topic holds them. */
    List<AnalysisRequest> rawRequests() {
        drain();
        return rawRequests;
    }

    /** Every config-metrics record emitted so far (key: model NUL config key; null value: tombstone), oldest first. */
    List<TestRecord<String, ConfigStats>> configRecords() {
        drain();
        return configRecords;
    }

    /** What a compacted config-metrics holds of {@code model} now, by config key. */
    List<ConfigStats> latestConfigs(String model) {
        drain();
        return latestConfigsNow(model);
    }

    private List<ConfigStats> latestConfigsNow(String model) {
        String prefix = io.chimera.insight.platform.topics.ConfigMetricsKey.of(model, "");
        return latestConfigs.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .toList();
    }

    List<AnalysisRequest> requests() {
        drain();
        return requestsSeen;
    }

    @Override
    public void close() {
        driver.close();
    }
}
