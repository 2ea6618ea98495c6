package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model swept over 20,000 configurations: once one record of about 50 MB, far past the 16 MiB
 * the topics allow. Now every record the aggregation writes stays far below Kafka's 1 MiB default:
 * the model record counts the configurations, each configuration is a record of its own, and a
 * reader that puts them back together has every one of them, with the figures of its runs.
 */
class BoundedRecordsTest {

    private static final String GEMMA = "gemma3:270m";
    private static final int CONFIGS = 20_000;
    private static final int KIB = 1024;

    @TempDir
    Path stateDir;

    @Test
    void aSweepOverTwentyThousandConfigurationsWritesNoRecordNearOneMebibyte() {
        TestFile sweep = TestFile.of("huge-sweep.csv", "v1", AggregationRig.START);
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            for (int i = 0; i < CONFIGS; i++) {
                rig.publish(sweep.run(GEMMA, i, config(i), Map.of("tokens_per_s", 100.0 + i % 97, "ttft_ms", 10.0 + i % 13)));
            }
            rig.settle();

            List<TestRecord<String, ModelMetrics>> raw = rig.rawMetricsRecords();
            assertThat(raw).isNotEmpty();
            for (TestRecord<String, ModelMetrics> record : raw) {
                assertThat(record.value().getConfigs()).isEmpty();
                assertThat(record.value().getConfigCount()).isEqualTo(CONFIGS);
                assertThat(rig.encoded(record.value()).length).as("model-metrics record").isLessThan(16 * KIB);
            }
            for (AnalysisRequest request : rig.rawRequests()) {
                assertThat(rig.encoded(request).length).as("analysis request").isLessThan(16 * KIB);
            }
            List<TestRecord<String, ConfigStats>> configRecords = rig.configRecords();
            assertThat(configRecords).hasSize(CONFIGS);
            int largest = configRecords.stream().mapToInt(r -> rig.encoded(r.value()).length).max().orElseThrow();
            assertThat(largest).as("largest config-metrics record").isLessThan(16 * KIB);

            // Put back together (and checked against the record's count and digest by the rig), every
            // configuration is there with its own run.
            ModelMetrics whole = rig.latest(GEMMA);
            assertThat(whole.getConfigs()).hasSize(CONFIGS);
            assertThat(whole.getConfigs().stream().mapToLong(ConfigStats::getRuns).sum()).isEqualTo(CONFIGS);
            ConfigStats some = whole.getConfigs().stream()
                    .filter(c -> c.getConfig().equals(config(12_345))).findFirst().orElseThrow();
            assertThat(some.getMetrics().get("tokens_per_s").getMean()).isEqualTo(100.0 + 12_345 % 97);
            assertThat(some.getMetrics().get("ttft_ms").getMean()).isEqualTo(10.0 + 12_345 % 13);
        }
    }

    private static Map<String, String> config(int i) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("num_ctx", Integer.toString(1024 * (1 + i % 8)));
        config.put("num_gpu", Integer.toString(i % 5));
        config.put("temperature", "0." + (i / 40));
        return config;
    }
}
