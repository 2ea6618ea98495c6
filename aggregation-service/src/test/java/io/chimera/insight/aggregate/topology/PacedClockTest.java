package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.AnalysisRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emission clock paced by the records (the bench's detection-cost pair): a tick every
 * punctuation interval of records, the debounce and max-delay counted in that clock, and the
 * wall clock moving nothing.
 */
class PacedClockTest {

    private static final String GEMMA = "gemma3:270m";

    @TempDir
    Path stateDir;
    private AggregationRig rig;

    @BeforeEach
    void start() {
        // 100 ms of clock per record: a tick (200 ms) every 2 records, max-delay (1 s) every 10.
        rig = new AggregationRig(AggregationSettings.defaults().withDebounce(Duration.ofMillis(200))
                .withMaxDelay(Duration.ofSeconds(1)).withClockPerRecord(Duration.ofMillis(100)), stateDir);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void emitsAtTheSameRecordsWhateverTheWallClockDoes() {
        TestFile file = TestFile.of("paced.csv", "v1", AggregationRig.START);
        for (int i = 0; i < 25; i++) {
            rig.publish(file.run(GEMMA, i, Map.of(), Map.of("tokens_per_s", 100.0 + i % 3)));
            rig.metricsRecords(); // drained after each record, as the rig drains after each wall-clock tick
        }
        List<AnalysisRequest> streaming = List.copyOf(rig.requests());
        int metricsWhileStreaming = rig.metricsRecords().size();
        rig.advance(Duration.ofSeconds(5));

        assertThat(streaming).extracting(AnalysisRequest::getReason).containsExactly("max-delay", "max-delay");
        assertThat(streaming).extracting(request -> request.getMetrics().getRuns()).containsExactly(10L, 20L);
        // Max-delay apart in the paced clock (it starts at the wall clock the task started with).
        assertThat(Duration.between(streaming.get(0).getRequestedAt(), streaming.get(1).getRequestedAt()))
                .isEqualTo(Duration.ofSeconds(1));
        // One model-metrics per tick (each 2 records): a busy model refreshed once per debounce.
        assertThat(metricsWhileStreaming).isEqualTo(12);
        assertThat(rig.requests()).as("the wall clock emits nothing").hasSize(2);
        assertThat(rig.metricsRecords()).hasSize(12);
    }
}
