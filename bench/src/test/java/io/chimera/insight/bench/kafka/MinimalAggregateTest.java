package io.chimera.insight.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.AggregationTopology;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.Metric;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class MinimalAggregateTest {

    private final Serde<BenchmarkRun> runs = AvroSerde.forValue(new InMemorySchemaRegistry(), BenchmarkRun.class);

    @Test
    void countsTheRunsAndSumsTheirTokensPerSecondPerModel() {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, BenchmarkRun> input = driver.createInputTopic("runs", Serdes.String().serializer(),
                    runs.serializer());
            input.pipeInput("llama3", run("llama3", 1, 40.5));
            input.pipeInput("qwen", run("qwen", 2, 12.0));
            input.pipeInput("llama3", run("llama3", 3, 41.5));
            input.pipeInput("llama3", run("llama3", 4, null)); // a failed run: counted, adds nothing to the sum

            KeyValueStore<String, MinimalAggregate.CountSum> store = driver.getKeyValueStore(MinimalAggregate.STORE);
            assertThat(store.get("llama3")).isEqualTo(new MinimalAggregate.CountSum(3, 82.0));
            assertThat(store.get("qwen")).isEqualTo(new MinimalAggregate.CountSum(1, 12.0));
            assertThat(driver.createOutputTopic("out", Serdes.String().deserializer(),
                    MinimalAggregate.countSumSerde().deserializer()).readKeyValuesToMap())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("llama3", new MinimalAggregate.CountSum(3, 82.0),
                            "qwen", new MinimalAggregate.CountSum(1, 12.0)));
        }
    }

    @Test
    void theAggregateSurvivesItsSerde() {
        Serde<MinimalAggregate.CountSum> serde = MinimalAggregate.countSumSerde();
        MinimalAggregate.CountSum value = new MinimalAggregate.CountSum(123_456_789_012L, -0.125);

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", value))).isEqualTo(value);
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }

    private TopologyTestDriver driver() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "minimal-aggregate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(MinimalAggregate.topology("runs", "out", Serdes.String(), runs,
                AggregationTopology.supplier(AggregationTopology.StoreKind.IN_MEMORY, MinimalAggregate.STORE)), props);
    }

    private static BenchmarkRun run(String model, int step, Double tokensPerSecond) {
        Map<String, Metric> metrics = tokensPerSecond == null ? Map.of()
                : Map.of("tokens_per_s", new Metric(tokensPerSecond, "tokens/s", "tokens_per_s"));
        return BenchmarkRun.newBuilder()
                .setRunId("file#" + step)
                .setFileId("file")
                .setFileSha256("sha")
                .setPath("runs.csv")
                .setLocator("row " + step)
                .setModel(model)
                .setConfig(Map.of())
                .setMetrics(metrics)
                .setOk(tokensPerSecond != null)
                .setError(tokensPerSecond == null ? "timeout" : null)
                .setKind(RecordKind.RUN)
                .setIngestedAt(Instant.ofEpochMilli(1_000L * step))
                .build();
    }
}
