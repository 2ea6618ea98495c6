package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.PerformanceChange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TTFT series hold warm runs only: runs the model's cold-start rule calls cold (their load duration
 * far above the model's warm loads; their TTFT includes the load) are left out of the TTFT series at
 * evaluation, while tokens/s keeps every run. Loads: warm 50–52 ms, cold 1,000–1,001 ms, so the
 * rule (median + max(5 MAD, 200 ms), over the runs' load bins) puts the threshold near 250 ms.
 */
class WarmTtftChangeTopologyTest {

    private static final String MODEL = "gemma3:270m";
    private static final Map<String, String> CONFIG = Map.of("num_ctx", "2048");
    private static final Instant T0 = AggregationRig.START;
    private static final double COLD_TTFT_MS = 1200;

    @TempDir
    Path stateDir;

    /**
     * 24 runs at a warm TTFT of 65 ± 1 ms, then 24 at 80 ± 1 ms; every sixth run (rows 0, 6, 12, 18 of
     * each file) is cold, with a TTFT of 1,200 ms. Warm runs before the step: 20, 8 of them (even
     * rows) at 66 and 12 at 64, mean 64.8; after it likewise 8 at 81 and 12 at 79, mean 79.8. The
     * change is published once, at the first warm run after the step (row 1 of the second file: row
     * 0 is cold), with those counts and means; tokens/s, the same 100 ± 1 for every run, has none.
     */
    @Test
    void aStepAmongColdRunsIsFoundOverTheWarmRunsAlone() {
        TestFile before = TestFile.of("before.csv", "v1", T0);
        TestFile after = TestFile.of("after.csv", "v1", T0.plusSeconds(60));
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            rig.publish(runs(before, 65, 24, 0));
            rig.publish(runs(after, 80, 24, 24));
            rig.settle();

            assertThat(rig.changes()).hasSize(1);
            PerformanceChange change = rig.changes().get(0).value();
            assertThat(change.getKind()).isEqualTo(ChangeEventKind.CHANGE);
            assertThat(change.getMetric()).isEqualTo("ttft_ms");
            assertThat(change.getDirection()).isEqualTo(ChangeDirection.REGRESSION);
            assertThat(change.getFirstRunId()).isEqualTo("id-after.csv#row 1");
            assertThat(change.getBefore().getN()).isEqualTo(20);
            assertThat(change.getBefore().getMean()).isCloseTo(64.8, within(1e-9));
            assertThat(change.getAfter().getN()).isEqualTo(20);
            assertThat(change.getAfter().getMean()).isCloseTo(79.8, within(1e-9));
            assertThat(change.getChangePercent()).isCloseTo((79.8 / 64.8 - 1) * 100, within(1e-9));
        }
    }

    /**
     * A stationary warm TTFT (65 ± 1 ms over 24 runs), then a reload: 3 cold runs at 1,200 ms. Cold
     * runs are no change of the model's warm performance, so nothing is published; the TTFT series is
     * still watched, and the aggregate still counts the 3 cold runs.
     */
    @Test
    void coldRunsAfterAReloadMakeNoChange() {
        TestFile warm = TestFile.of("warm.csv", "v1", T0);
        TestFile reload = TestFile.of("reload.csv", "v1", T0.plusSeconds(60));
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            List<BenchmarkRun> warmRuns = runs(warm, 65, 24, 0).stream()
                    .filter(run -> !isCold(run)).toList();
            rig.publish(warmRuns);
            rig.publish(List.of(run(reload, 0, 24, COLD_TTFT_MS, 1000), run(reload, 1, 25, COLD_TTFT_MS + 1, 1001),
                    run(reload, 2, 26, COLD_TTFT_MS - 1, 1000)));
            rig.settle();

            assertThat(rig.changes()).isEmpty();
            AnalysisRequest request = rig.requests().get(rig.requests().size() - 1);
            assertThat(request.getMetrics().getChanges().getWatchedSeries()).isEqualTo(2);
            assertThat(request.getMetrics().getColdStart().getColdRuns()).isEqualTo(3);
        }
    }

    /** {@code count} runs of {@code file} from series index {@code from}, a minute apart; every sixth row cold. */
    private static List<BenchmarkRun> runs(TestFile file, double warmTtftMs, int count, int from) {
        return java.util.stream.IntStream.range(0, count).mapToObj(row -> row % 6 == 0
                ? run(file, row, from + row, COLD_TTFT_MS, 1000 + row % 2)
                : run(file, row, from + row, warmTtftMs + (row % 2 == 0 ? 1 : -1), 50 + row % 3)).toList();
    }

    private static BenchmarkRun run(TestFile file, int row, int minute, double ttftMs, double loadMs) {
        return BenchmarkRun.newBuilder(file.run(MODEL, row, CONFIG,
                        Map.of("tokens_per_s", 100.0 + (minute % 2 == 0 ? 1 : -1), "ttft_ms", ttftMs, "load_duration_ms", loadMs)))
                .setObservedAt(T0.plus(Duration.ofMinutes(minute))).build();
    }

    private static boolean isCold(BenchmarkRun run) {
        return run.getMetrics().get("load_duration_ms").getValue() >= 1000;
    }
}
