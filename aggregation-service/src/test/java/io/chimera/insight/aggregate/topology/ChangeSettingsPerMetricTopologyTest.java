package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimera.insight.aggregate.statistics.ChangeSettingsByMetric;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each metric's series is judged with that metric's minimum effect: the same 7 % steps on TTFT and
 * tokens/s are both published under the default 5 %, and with TTFT's minimum raised to 10 % only the
 * tokens/s step is, at its default.
 */
class ChangeSettingsPerMetricTopologyTest {

    private static final String MODEL = "gemma3:270m";
    private static final Map<String, String> CONFIG = Map.of("num_ctx", "2048");
    private static final Instant T0 = AggregationRig.START;
    /** TTFT before the step: sum 2000, mean 200.0. */
    private static final double[] TTFT_BEFORE = {200, 202, 198, 200, 204, 196, 200, 202, 198, 200};
    /** TTFT after it: each 14 ms more, sum 2140, mean 214.0 (7 % slower). */
    private static final double[] TTFT_AFTER = {214, 216, 212, 214, 218, 210, 214, 216, 212, 214};
    /** Tokens/s before the step: sum 1000, mean 100.0. */
    private static final double[] TPS_BEFORE = {100, 101, 99, 100, 102, 98, 100, 101, 99, 100};
    /** Tokens/s after it: each 7 less, sum 930, mean 93.0 (7 % fewer). */
    private static final double[] TPS_AFTER = {93, 94, 92, 93, 95, 91, 93, 94, 92, 93};

    @TempDir
    Path stateDir;

    @Test
    void underTheDefaultFivePercentBothSevenPercentStepsArePublished() {
        List<PerformanceChange> changes = changesUnder(AggregationSettings.defaults());

        assertThat(changes).extracting(PerformanceChange::getMetric).containsExactlyInAnyOrder("ttft_ms", "tokens_per_s");
        PerformanceChange ttft = changes.stream().filter(c -> c.getMetric().equals("ttft_ms")).findFirst().orElseThrow();
        assertThat(ttft.getDirection()).isEqualTo(ChangeDirection.REGRESSION);
        assertThat(ttft.getBefore().getMean()).isCloseTo(200.0, within(1e-9));
        assertThat(ttft.getAfter().getMean()).isCloseTo(214.0, within(1e-9));
        assertThat(ttft.getChangePercent()).isCloseTo(7.0, within(1e-9));
    }

    @Test
    void withTtftsMinimumEffectAtTenPercentOnlyTheTokensPerSecondStepIsPublished() {
        ChangeSettingsByMetric settings = ChangeSettingsByMetric.DEFAULTS.withMinEffect(CanonicalMetric.TTFT_MS, 0.10);
        AggregationSettings ttftAtTen = AggregationSettings.defaults()
                .withChanges(ChangeDetection.defaults().withSettings(settings));

        List<PerformanceChange> changes = changesUnder(ttftAtTen);

        assertThat(changes).hasSize(1);
        PerformanceChange tps = changes.get(0);
        assertThat(tps.getMetric()).isEqualTo("tokens_per_s");
        assertThat(tps.getDirection()).isEqualTo(ChangeDirection.REGRESSION);
        assertThat(tps.getBefore().getMean()).isCloseTo(100.0, within(1e-9));
        assertThat(tps.getAfter().getMean()).isCloseTo(93.0, within(1e-9));
        assertThat(tps.getChangePercent()).isCloseTo(-7.0, within(1e-9));
    }

    private List<PerformanceChange> changesUnder(AggregationSettings settings) {
        TestFile before = TestFile.of("before.csv", "v1", T0);
        TestFile after = TestFile.of("after.csv", "v1", T0.plusSeconds(60));
        try (AggregationRig rig = new AggregationRig(settings, stateDir)) {
            rig.publish(observed(before, TTFT_BEFORE, TPS_BEFORE, T0));
            rig.publish(observed(after, TTFT_AFTER, TPS_AFTER, T0.plus(Duration.ofMinutes(TTFT_BEFORE.length))));
            rig.settle();
            return rig.changes().stream().map(TestRecord::value).toList();
        }
    }

    /** One run per row carrying both headline metrics, a minute apart from {@code from}. */
    private static List<BenchmarkRun> observed(TestFile file, double[] ttft, double[] tokensPerS, Instant from) {
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 0; row < ttft.length; row++) {
            BenchmarkRun run = file.run(MODEL, row, CONFIG, Map.of("ttft_ms", ttft[row], "tokens_per_s", tokensPerS[row]));
            runs.add(BenchmarkRun.newBuilder(run).setObservedAt(from.plus(Duration.ofMinutes(row))).build());
        }
        return runs;
    }
}
