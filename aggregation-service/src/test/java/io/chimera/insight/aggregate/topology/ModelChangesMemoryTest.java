package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.state.ChangeStore;
import io.chimera.insight.aggregate.statistics.ColdRuns;
import io.chimera.insight.aggregate.statistics.ConfigKeys;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.PerformanceChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model's changes are remembered between evaluations while no evaluation writes a series state:
 * an evaluation that changes no state (the common one while runs stream in) gives the very changes
 * remembered, and one that publishes a change gives them rebuilt; either way they are what a tracker
 * built afresh over the same stores (a restarted task) gives.
 */
class ModelChangesMemoryTest {

    private static final String MODEL = "gemma3:270m";
    private static final Map<String, String> CONFIG = Map.of("num_ctx", "2048");
    private static final long T0 = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();

    private final TaskStores stores = new TaskStores();
    private final List<PerformanceChange> events = new ArrayList<>();
    private final ChangeTracker tracker = tracker();
    private long offset;

    @Test
    void anEvaluationThatWritesNoStateKeepsTheChangesAndOneThatPublishesRebuildsThem() {
        TestFile before = TestFile.of("before.csv", "v1", Instant.ofEpochMilli(T0));
        add(before, 100, 10);
        ModelChanges first = tracker.evaluate(MODEL, T0 + 1_000, () -> ColdRuns.NONE).changes();
        assertThat(first.getStanding()).isEmpty();

        add(TestFile.of("more.csv", "v1", Instant.ofEpochMilli(T0 + 10)), 100, 3);
        ModelChanges unchanged = tracker.evaluate(MODEL, T0 + 2_000, () -> ColdRuns.NONE).changes();
        assertThat(events).isEmpty();
        assertThat(unchanged).as("no state written: the changes remembered").isSameAs(first);
        assertThat(unchanged).isEqualTo(tracker().changes(MODEL));

        add(TestFile.of("after.csv", "v1", Instant.ofEpochMilli(T0 + 20)), 80, 6);
        ChangeEvaluation stepped = tracker.evaluate(MODEL, T0 + 3_000, () -> ColdRuns.NONE);
        assertThat(events).singleElement().satisfies(event -> assertThat(event.getKind()).isEqualTo(ChangeEventKind.CHANGE));
        assertThat(stepped.published()).isTrue();
        assertThat(stepped.changes().getStanding()).singleElement()
                .satisfies(change -> assertThat(change.getFirstRunId()).isEqualTo("id-after.csv#row 0"));
        assertThat(stepped.changes()).isEqualTo(tracker().changes(MODEL));
        assertThat(tracker.changes(MODEL)).isSameAs(stepped.changes());
    }

    @Test
    void aRunThatBringsNewSeriesKeepsTheChangesAndCountsTheSeries() {
        add(TestFile.of("before.csv", "v1", Instant.ofEpochMilli(T0)), 100, 10);
        add(TestFile.of("after.csv", "v1", Instant.ofEpochMilli(T0 + 20)), 80, 6);
        ModelChanges stepped = tracker.evaluate(MODEL, T0 + 3_000, () -> ColdRuns.NONE).changes();
        assertThat(stepped.getStanding()).hasSize(1);

        // A new configuration with both headline metrics: two new series, neither holding a change.
        TestFile sweep = TestFile.of("sweep.csv", "v1", Instant.ofEpochMilli(T0 + 30));
        BenchmarkRun run = sweep.run(MODEL, 0, Map.of("num_ctx", "4096"), Map.of("tokens_per_s", 90.0, "ttft_ms", 120.0));
        tracker.runAdded(MODEL, run, ConfigKeys.of(run.getConfig()), offset++, T0);

        ModelChanges after = tracker.changes(MODEL);
        assertThat(after.getWatchedSeries()).isEqualTo(stepped.getWatchedSeries() + 2);
        assertThat(after).as("what a tracker built afresh over the same stores gives").isEqualTo(tracker().changes(MODEL));
        assertThat(after.getStanding()).as("kept, not built again from the states").isSameAs(stepped.getStanding());
        assertThat(tracker.changes(MODEL)).isSameAs(after);
    }

    /** A tracker over the stores as they stand, remembering nothing: what a restarted task builds. */
    private ChangeTracker tracker() {
        return new ChangeTracker(new ChangeStore(stores.changeRuns, stores.changeFiles, stores.changeFileConfigs,
                stores.changeSeries, stores.changeDue), stores.catalog, ChangeDetection.defaults(),
                (model, event, timestamp) -> events.add(event));
    }

    /** {@code count} runs of {@code file} at about {@code level} tokens/s (±1 %, alternating). */
    private void add(TestFile file, double level, int count) {
        for (int row = 0; row < count; row++) {
            BenchmarkRun run = file.run(MODEL, row, CONFIG, Map.of("tokens_per_s", level * (row % 2 == 0 ? 1.01 : 0.99)));
            tracker.runAdded(MODEL, run, ConfigKeys.of(run.getConfig()), offset++, T0);
        }
    }
}
