package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.state.ConfigAggregateCodec;
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
 * reaches the changelog one transaction late and this fails.)
 */
class ConfigEntriesChangelogTest {

    private static final String APPLICATION = "write-behind-test";
    private static final String GEMMA = "gemma3:270m";

    @TempDir
    Path stateDir;

    @Test
    void everyRunsEntryIsInTheChangelogInTheTransactionOfTheRun() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AggregationSerdes serdes = new AggregationSerdes(Serdes.String(),
                AvroSerde.forValue(registry, BenchmarkRun.class), AvroSerde.forValue(registry, BenchmarkFile.class),
                AvroSerde.forValue(registry, ModelMetrics.class), AvroSerde.forValue(registry, AnalysisRequest.class),
                AvroSerde.forValue(registry, DeadLetter.class), AvroSerde.forValue(registry, PerformanceChange.class),
                AvroSerde.forValue(registry, ConfigStats.class));
        TopicNames topics = new TopicNames("test.");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);

        TestFile file = TestFile.of("burst.csv", "v1", Instant.parse("2025-03-01T10:00:00Z"));
        List<Map<String, String>> configs = List.of(Map.of("num_ctx", "2048"), Map.of("num_ctx", "4096"));
        try (TopologyTestDriver driver = new TopologyTestDriver(AggregationTopology.build(topics, serdes,
                AggregationSettings.defaults(), AggregationTopology.StoreKind.IN_MEMORY), props)) {
            TestInputTopic<String, BenchmarkFile> files = driver.createInputTopic(topics.of(Topics.BENCHMARK_FILES),
                    Serdes.String().serializer(), serdes.files().serializer());
            TestInputTopic<String, BenchmarkRun> runs = driver.createInputTopic(topics.of(Topics.BENCHMARK_RUNS),
                    Serdes.String().serializer(), serdes.runs().serializer());
            TestOutputTopic<String, byte[]> changelog = driver.createOutputTopic(
                    APPLICATION + "-" + AggregationTopology.CONFIG_AGGREGATES_STORE + "-changelog",
                    Serdes.String().deserializer(), new ByteArrayDeserializer());
            files.pipeInput(file.fileId(), file.event(List.of(GEMMA)));

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
}
