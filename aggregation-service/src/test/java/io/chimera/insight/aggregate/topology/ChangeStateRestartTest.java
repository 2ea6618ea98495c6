package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.state.PointChunk;
import io.chimera.insight.aggregate.statistics.HistoryBound;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ChangeEventKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

/**
 * The change-detection state across restarts and over time, driving the processor on a task's
 * stores: a task restored from its changelogs (the stores copied through their codecs, as a restore
 * leaves them) knows which changes it published and publishes none of them again; the history keeps
 * to its bound, and a change whose earlier runs the bound dropped is final, not retracted.
 */
class ChangeStateRestartTest {

    private static final String MODEL = "gemma3:270m";
    private static final Map<String, String> CONFIG = Map.of("num_ctx", "2048");
    private static final long T0 = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
    private static final Instant OBSERVED = Instant.parse("2025-02-01T00:00:00Z");

    @Test
    void aTaskRestoredFromItsChangelogsPublishesNoChangeAgain() {
        AggregationSettings settings = AggregationSettings.defaults();
        TaskStores stores = new TaskStores();
        RunAggregationProcessor first = started(stores, settings);
        feed(stores, first, settings, level("before.csv", 100, 0, 10), 1_000);
        feed(stores, first, settings, level("after.csv", 88, 10, 10), 2_000);
        settle(stores, settings, 2_000);
        assertThat(stores.forwardedChanges()).singleElement()
                .satisfies(change -> assertThat(change.getFirstRunId()).isEqualTo("id-after.csv#row 0"));
        TaskStores.Snapshot changelog = stores.snapshot();

        TaskStores restored = new TaskStores();
        restored.rollBack(changelog);
        RunAggregationProcessor second = started(restored, settings);
        feed(restored, second, settings, level("later.csv", 88, 20, 10), 10_000);
        settle(restored, settings, 10_000);

        assertThat(restored.forwardedChanges()).isEmpty();
        assertThat(restored.changeSeries.approximateNumEntries()).isEqualTo(1);
    }

    @Test
    void theHistoryKeepsToItsBoundAndAChangeItAgedOutIsNotRetracted() {
        AggregationSettings settings = AggregationSettings.defaults()
                .withChanges(ChangeDetection.defaults().withBound(new HistoryBound(25, Duration.ofDays(90))));
        TaskStores stores = new TaskStores();
        RunAggregationProcessor processor = started(stores, settings);
        feed(stores, processor, settings, level("before.csv", 100, 0, 10), 1_000);
        feed(stores, processor, settings, level("after.csv", 88, 10, 10), 2_000);
        settle(stores, settings, 2_000);
        assertThat(stores.forwardedChanges()).hasSize(1);
        assertThat(points(stores)).hasSize(20);

        // 30 more runs at the new level: the bound keeps the newest 25, none of them before the step.
        feed(stores, processor, settings, level("later.csv", 88, 20, 30), 10_000);
        settle(stores, settings, 10_000);

        assertThat(points(stores)).hasSize(25);
        assertThat(pointKeys(stores)).allSatisfy(key -> assertThat(key).contains("\u0000id-later.csv\u0000"));
        assertThat(stores.forwardedChanges()).as("the aged-out change is final").hasSize(1)
                .allSatisfy(change -> assertThat(change.getKind()).isEqualTo(ChangeEventKind.CHANGE));
    }

    @Test
    void theHistoryKeepsOnlyItsLastDays() {
        AggregationSettings settings = AggregationSettings.defaults()
                .withChanges(ChangeDetection.defaults().withBound(new HistoryBound(500, Duration.ofDays(3))));
        TaskStores stores = new TaskStores();
        RunAggregationProcessor processor = started(stores, settings);
        // One run a day for 10 days: runs more than 3 days older than the newest (day 9) leave.
        TestFile file = TestFile.of("daily.csv", "v1", Instant.ofEpochMilli(T0));
        List<BenchmarkRun> daily = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            daily.add(BenchmarkRun.newBuilder(file.run(MODEL, day, CONFIG, Map.of("tokens_per_s", 100.0 + day % 2)))
                    .setObservedAt(OBSERVED.plus(Duration.ofDays(day))).build());
        }
        feed(stores, processor, settings, daily, 1_000);
        settle(stores, settings, 1_000);

        assertThat(points(stores)).extracting(RunPoint::observedAt).containsExactlyInAnyOrder(
                OBSERVED.plus(Duration.ofDays(6)).toEpochMilli(), OBSERVED.plus(Duration.ofDays(7)).toEpochMilli(),
                OBSERVED.plus(Duration.ofDays(8)).toEpochMilli(), OBSERVED.plus(Duration.ofDays(9)).toEpochMilli());
    }

    /** {@code count} runs of a new file at {@code level} (±1 alternating), observed a minute apart from minute {@code from}. */
    private static List<BenchmarkRun> level(String name, double level, int from, int count) {
        TestFile file = TestFile.of(name, "v1", Instant.ofEpochMilli(T0 + from));
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 0; row < count; row++) {
            runs.add(BenchmarkRun.newBuilder(file.run(MODEL, row, CONFIG, Map.of("tokens_per_s", level + (row % 2 == 0 ? 1 : -1))))
                    .setObservedAt(OBSERVED.plus(Duration.ofMinutes(from + row))).build());
        }
        return runs;
    }

    private static List<RunPoint> points(TaskStores stores) {
        List<RunPoint> points = new ArrayList<>();
        try (KeyValueIterator<String, PointChunk> all = stores.changeRuns.all()) {
            all.forEachRemaining((KeyValue<String, PointChunk> entry) -> points.addAll(entry.value.byRun().values()));
        }
        return points;
    }

    /** The stored chunks' keys: model, config key, file id, chunk number. */
    private static List<String> pointKeys(TaskStores stores) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, PointChunk> all = stores.changeRuns.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private static RunAggregationProcessor started(TaskStores stores, AggregationSettings settings) {
        return stores.started(settings);
    }

    private static void feed(TaskStores stores, RunAggregationProcessor processor, AggregationSettings settings,
                             List<BenchmarkRun> runs, long at) {
        stores.feed(settings, processor, runs, T0 + at);
    }

    /** Ticks once the debounce has passed since {@code T0 + lastFeed}: every model is due. */
    private static void settle(TaskStores stores, AggregationSettings settings, long lastFeed) {
        stores.settle(settings, T0 + lastFeed);
    }
}
