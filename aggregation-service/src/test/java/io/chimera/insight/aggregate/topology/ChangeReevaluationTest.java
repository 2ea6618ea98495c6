package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.PerformanceChange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A series evaluated once is evaluated again when runs arrive later: the change store remembers
 * which series it has marked due only until their evaluation, so a step that appears in a later
 * burst, after the series was judged stationary, is still found.
 */
class ChangeReevaluationTest {

    private static final String MODEL = "gemma3:270m";
    private static final Map<String, String> CONFIG = Map.of("num_ctx", "2048");
    private static final Instant T0 = AggregationRig.START;
    private static final double[] BEFORE = {100, 101, 99, 100, 102, 98, 100, 101, 99, 100};
    private static final double[] AFTER = {88, 89, 87, 88, 90, 86, 88, 89, 87, 88};

    @TempDir
    Path stateDir;

    @Test
    void aStepInABurstAfterAnEvaluationIsPublished() {
        try (AggregationRig rig = new AggregationRig(AggregationSettings.defaults(), stateDir)) {
            rig.publish(observed(TestFile.of("before.csv", "v1", T0), BEFORE, T0));
            rig.settle();
            assertThat(rig.changes()).isEmpty();

            rig.publish(observed(TestFile.of("after.csv", "v1", T0.plusSeconds(60)), AFTER,
                    T0.plus(Duration.ofMinutes(BEFORE.length))));
            rig.settle();

            assertThat(rig.changes()).hasSize(1);
            PerformanceChange change = rig.changes().get(0).value();
            assertThat(change.getKind()).isEqualTo(ChangeEventKind.CHANGE);
            assertThat(change.getDirection()).isEqualTo(ChangeDirection.REGRESSION);
            assertThat(change.getFirstRunId()).isEqualTo("id-after.csv#row 0");
        }
    }

    /** The file's runs of tokens/s, observed a minute apart from {@code from}. */
    private static List<BenchmarkRun> observed(TestFile file, double[] values, Instant from) {
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 0; row < values.length; row++) {
            runs.add(BenchmarkRun.newBuilder(file.run(MODEL, row, CONFIG, Map.of("tokens_per_s", values[row])))
                    .setObservedAt(from.plus(Duration.ofMinutes(row))).build());
        }
        return runs;
    }
}
