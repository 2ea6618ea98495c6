package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.AggregationTopology.StoreKind;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ModelMetrics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production store kind (RocksDB, with caching) gives the same figures as the in-memory
 * one the other tests use: prefix scans, deletes of a replaced file and the codecs included.
 * Kept small: the test driver commits, and RocksDB flushes, after every record.
 */
class PersistentStoresTest {

    @TempDir
    Path stateDir;

    @Test
    void rocksDbAndInMemoryStoresAgree() {
        Instant t0 = AggregationRig.START;
        TestFile v1 = TestFile.of("sweep.csv", "v1", t0);
        TestFile v2 = TestFile.of("sweep.csv", "v2", t0.plusSeconds(30));
        TestFile other = TestFile.of("other.csv", "v1", t0.plusSeconds(5));
        List<BenchmarkRun> input = new ArrayList<>();
        for (int row = 0; row < 6; row++) {
            input.add(v1.run("gemma3:270m", row, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 100.0 + row)));
            input.add(other.run("gemma3:270m", row, Map.of("num_ctx", row % 2 == 0 ? "2048" : "4096"),
                    Map.of("tokens_per_s", 80.0 + row, "ttft_ms", 30.0 * row)));
        }
        for (int row = 0; row < 4; row++) {
            input.add(v2.run("gemma3:270m", row, Map.of("num_ctx", "4096"), Map.of("tokens_per_s", 140.0 - row)));
        }

        ModelMetrics onDisk = run(input, StoreKind.PERSISTENT, stateDir.resolve("rocksdb"));
        ModelMetrics onHeap = run(input, StoreKind.IN_MEMORY, stateDir.resolve("memory"));

        assertThat(onDisk.getRuns()).isEqualTo(10);
        assertThat(onDisk.getFiles()).containsExactly("results/other.csv", "results/sweep.csv");
        assertThat(ModelMetrics.newBuilder(onDisk).setUpdatedAt(Instant.EPOCH).setConfigsAt(Instant.EPOCH).build())
                .isEqualTo(ModelMetrics.newBuilder(onHeap).setUpdatedAt(Instant.EPOCH).setConfigsAt(Instant.EPOCH).build());
    }

    private static ModelMetrics run(List<BenchmarkRun> input, StoreKind kind, Path dir) {
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), dir, kind)) {
            rig.publish(input);
            rig.settle();
            return rig.latest("gemma3:270m");
        }
    }
}
