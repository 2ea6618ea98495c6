package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.topics.ConfigMetricsKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregation's {@code config-metrics}: one record per (model, configuration), keyed by
 * {@link ConfigMetricsKey}, written when the configuration changed, a tombstone when it lost every run,
 * and always what the model record beside it counts.
 */
class ConfigMetricsTopologyTest {

    private static final String GEMMA = "gemma3:270m";
    private static final String QWEN = "qwen2.5:7b";
    private static final Map<String, String> CTX_2048 = Map.of("num_ctx", "2048");
    private static final Map<String, String> CTX_8192 = Map.of("num_ctx", "8192");
    private static final Map<String, String> GPU_1 = Map.of("num_ctx", "2048", "num_gpu", "1");

    @TempDir
    Path stateDir;

    @Test
    void eachConfigurationIsARecordKeyedByModelAndConfigHoldingWhatTheModelRecordHolds() {
        TestFile sweep = TestFile.of("sweep.csv", "v1", AggregationRig.START);
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            for (int row = 0; row < 6; row++) {
                rig.publish(sweep.run(GEMMA, row, List.of(CTX_2048, CTX_8192, GPU_1).get(row % 3),
                        Map.of("tokens_per_s", 100.0 + row, "ttft_ms", 20.0 - row)));
            }
            rig.publish(sweep.run(QWEN, 10, CTX_2048, Map.of("tokens_per_s", 40.0)));
            rig.settle();

            ModelMetrics gemma = rig.latest(GEMMA);
            assertThat(gemma.getConfigs()).hasSize(3);
            assertThat(rig.latestConfigs(GEMMA)).isEqualTo(gemma.getConfigs());
            assertThat(rig.latestConfigs(QWEN)).isEqualTo(rig.latest(QWEN).getConfigs());
            assertThat(rig.configRecords()).extracting(TestRecord::key).containsExactlyInAnyOrder(
                    ConfigMetricsKey.of(GEMMA, "num_ctx=2048"), ConfigMetricsKey.of(GEMMA, "num_ctx=8192"),
                    ConfigMetricsKey.of(GEMMA, "num_ctx=2048,num_gpu=1"), ConfigMetricsKey.of(QWEN, "num_ctx=2048"));
        }
    }

    @Test
    void anEmissionWritesOnlyTheConfigurationsThatChanged() {
        TestFile sweep = TestFile.of("sweep.csv", "v1", AggregationRig.START);
        TestFile more = TestFile.of("more.csv", "v1", AggregationRig.START.plusSeconds(30));
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            for (int row = 0; row < 4; row++) {
                rig.publish(sweep.run(GEMMA, row, row % 2 == 0 ? CTX_2048 : CTX_8192, Map.of("tokens_per_s", 100.0 + row)));
            }
            rig.settle();
            int before = rig.configRecords().size();

            rig.publish(more.run(GEMMA, 0, CTX_8192, Map.of("tokens_per_s", 90.0)));
            rig.settle();

            List<TestRecord<String, ConfigStats>> written = rig.configRecords().subList(before, rig.configRecords().size());
            assertThat(written).extracting(TestRecord::key).containsExactly(ConfigMetricsKey.of(GEMMA, "num_ctx=8192"));
            assertThat(written.get(0).value().getRuns()).isEqualTo(3);
            assertThat(rig.latestConfigs(GEMMA)).isEqualTo(rig.latest(GEMMA).getConfigs());
        }
    }

    @Test
    void anEmissionAfterOneRunInAThousandConfigurationModelWritesOneRecord() {
        TestFile sweep = TestFile.of("sweep.csv", "v1", AggregationRig.START);
        TestFile more = TestFile.of("more.csv", "v1", AggregationRig.START.plusSeconds(30));
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            for (int row = 0; row < 1_000; row++) {
                rig.publish(sweep.run(GEMMA, row, Map.of("num_ctx", String.valueOf(row)), Map.of("tokens_per_s", 100.0 + row % 7)));
            }
            rig.settle();
            assertThat(rig.latestConfigs(GEMMA)).hasSize(1_000);
            int before = rig.configRecords().size();

            rig.publish(more.run(GEMMA, 0, Map.of("num_ctx", "500"), Map.of("tokens_per_s", 90.0)));
            rig.settle();

            List<TestRecord<String, ConfigStats>> written = rig.configRecords().subList(before, rig.configRecords().size());
            assertThat(written).extracting(TestRecord::key).containsExactly(ConfigMetricsKey.of(GEMMA, "num_ctx=500"));
            assertThat(written.get(0).value().getRuns()).isEqualTo(2);
            assertThat(rig.latest(GEMMA).getConfigCount()).isEqualTo(1_000);
            assertThat(rig.latestConfigs(GEMMA)).isEqualTo(rig.latest(GEMMA).getConfigs());
        }
    }

    @Test
    void aConfigurationThatLostEveryRunToAReplacedFileIsTombstoned() {
        Instant t0 = AggregationRig.START;
        TestFile v1 = TestFile.of("sweep.csv", "v1", t0);
        TestFile v2 = TestFile.of("sweep.csv", "v2", t0.plusSeconds(60));
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            rig.publish(v1.run(GEMMA, 0, CTX_2048, Map.of("tokens_per_s", 100.0)));
            rig.publish(v1.run(GEMMA, 1, CTX_8192, Map.of("tokens_per_s", 80.0)));
            rig.settle();
            assertThat(rig.latestConfigs(GEMMA)).hasSize(2);
            int before = rig.configRecords().size();

            rig.publish(v2.run(GEMMA, 0, CTX_2048, Map.of("tokens_per_s", 110.0)));
            rig.settle();

            List<TestRecord<String, ConfigStats>> written = rig.configRecords().subList(before, rig.configRecords().size());
            assertThat(written).filteredOn(r -> r.value() == null).extracting(TestRecord::key)
                    .containsExactly(ConfigMetricsKey.of(GEMMA, "num_ctx=8192"));
            assertThat(rig.latestConfigs(GEMMA)).isEqualTo(rig.latest(GEMMA).getConfigs())
                    .extracting(ConfigStats::getConfigKey).containsExactly("num_ctx=2048");
            assertThat(rig.latestConfigs(GEMMA).get(0).getMetrics().get("tokens_per_s").getMean()).isEqualTo(110.0);
        }
    }

    @Test
    void aModelsConfigurationsAllGoToTheModelsPartition() {
        ByModelPartitioner<ConfigStats> partitioner = new ByModelPartitioner<>();
        for (String config : List.of("", "num_ctx=2048", "num_ctx=8192,num_gpu=1", "temperature=0.7")) {
            assertThat(partitioner.partitions("t", ConfigMetricsKey.of(GEMMA, config), null, 12))
                    .contains(java.util.Set.of(ConfigMetricsKey.partitionOf(GEMMA, 12)));
        }
        // The partition the default partitioner gives a record keyed by the model alone.
        assertThat(ConfigMetricsKey.partitionOf(GEMMA, 12)).isEqualTo(
                org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                        GEMMA.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 12);
    }
}
