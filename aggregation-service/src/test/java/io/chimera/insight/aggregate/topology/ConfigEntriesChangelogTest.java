package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.state.ConfigAggregateCodec;
import io.chimera.insight.aggregate.state.PendingModel;
import io.chimera.insight.aggregate.state.PendingModelCodec;
import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration entries are written behind ({@code WriteBehindStore}): kept as objects run after
 * run and put into the store once per commit. Under exactly-once the driver commits a transaction
 * after every input record, and its producer shows only committed records: so every run's entry must
 * be in the changelog, as the run left it, in the transaction that consumed the run. (Written back
 * in the stores' {@code flush()} instead of {@code flushCache()}, after the commit, each entry
 * reaches the changelog one transaction late and this fails.) The models' pending states likewise.
 */
class ConfigEntriesChangelogTest {

    private static final String APPLICATION = "write-behind-test";
    private static final String GEMMA = "gemma3:270m";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AggregationSerdes serdes = new AggregationSerdes(Serdes.String(),
            AvroSerde.forValue(registry, BenchmarkRun.class), AvroSerde.forValue(registry, BenchmarkFile.class),
            AvroSerde.forValue(registry, ModelMetrics.class), AvroSerde.forValue(registry, AnalysisRequest.class),
            AvroSerde.forValue(registry, DeadLetter.class), AvroSerde.forValue(registry, PerformanceChange.class),
            AvroSerde.forValue(registry, ConfigStats.class));
    private final TopicNames topics = new TopicNames("test.");

    @TempDir
    Path stateDir;

    @Test
    void everyRunsEntryIsInTheChangelogInTheTransactionOfTheRun() {
        TestFile file = TestFile.of("burst.csv", "v1", Instant.parse("2025-03-01T10:00:00Z"));
        List<Map<String, String>> configs = List.of(Map.of("num_ctx", "2048"), Map.of("num_ctx", "4096"));
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, BenchmarkRun> runs = start(driver, file);
            TestOutputTopic<String, byte[]> changelog = changelog(driver, AggregationTopology.CONFIG_AGGREGATES_STORE);

            Map<String, Long> runsByConfig = new HashMap<>();
            for (int row = 0; row < 9; row++) {
                Map<String, String> config = configs.get(row % 2 == 0 && row < 6 ? 0 : 1);
                runs.pipeInput(GEMMA, file.run(GEMMA, row, config, Map.of("tokens_per_s", 100.0 + row)));
                String configKey = "num_ctx=" + config.get("num_ctx");
                long expected = runsByConfig.merge(configKey, 1L, Long::sum);

                List<TestRecord<String, byte[]>> committed = changelog.readRecordsToList();
                assertThat(committed).as("after run %d: one changelog record, its entry's", row)
                        .singleElement().satisfies(record -> {
                            assertThat(record.key()).startsWith(GEMMA).contains(file.fileId()).endsWith(configKey);
                            ConfigAggregate entry = ConfigAggregateCodec.store().decode(record.value());
                            assertThat(entry.runs()).isEqualTo(expected);
                            assertThat(entry.lastSeen()).isPositive();
                        });
            }
        }
    }

    /**
     * The model's pending state is written behind too: each run, a millisecond after the one before,
     * moves its latest change time, and the changelog holds that state in the transaction of the run
     * (what a restart finds, so that its debounce counts from the latest committed change).
     */
    @Test
    void everyRunsPendingStateIsInTheChangelogInTheTransactionOfTheRun() {
        TestFile file = TestFile.of("burst.csv", "v1", Instant.parse("2025-03-01T10:00:00Z"));
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, BenchmarkRun> runs = start(driver, file);
            TestOutputTopic<String, byte[]> changelog = changelog(driver, AggregationTopology.PENDING_STORE);
            long firstChange = -1;
            for (int row = 0; row < 5; row++) {
                driver.advanceWallClockTime(Duration.ofMillis(1));
                runs.pipeInput(GEMMA, file.run(GEMMA, row, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 100.0)));

                List<TestRecord<String, byte[]>> committed = changelog.readRecordsToList();
                assertThat(committed).as("after run %d: one changelog record, the model's", row).hasSize(1);
                assertThat(committed.get(0).key()).isEqualTo(GEMMA);
                PendingModel pending = new PendingModelCodec().decode(committed.get(0).value());
                firstChange = row == 0 ? pending.lastChangeAt() : firstChange;
                assertThat(pending.firstChangeAt()).isEqualTo(firstChange);
                assertThat(pending.lastChangeAt()).isEqualTo(firstChange + row);
            }
        }
    }

    private TopologyTestDriver driver() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);

        return new TopologyTestDriver(AggregationTopology.build(topics, serdes, AggregationSettings.defaults(),
                AggregationTopology.StoreKind.IN_MEMORY), props);
    }

    /** The file's catalog entry in; the runs topic to pipe into. */
    private TestInputTopic<String, BenchmarkRun> start(TopologyTestDriver driver, TestFile file) {
        driver.createInputTopic(topics.of(Topics.BENCHMARK_FILES), Serdes.String().serializer(),
                serdes.files().serializer()).pipeInput(file.fileId(), file.event(List.of(GEMMA)));
        return driver.createInputTopic(topics.of(Topics.BENCHMARK_RUNS), Serdes.String().serializer(),
                serdes.runs().serializer());
    }

    private static TestOutputTopic<String, byte[]> changelog(TopologyTestDriver driver, String store) {
        return driver.createOutputTopic(APPLICATION + "-" + store + "-changelog", Serdes.String().deserializer(),
                new ByteArrayDeserializer());
    }
}
