package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.state.ConfigStates;
import io.chimera.insight.aggregate.state.TestStores;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

/**
 * A task restored from a {@code change-series} changelog the earlier code wrote (one entry per series, its
 * state alone in format 2), or holding both layouts: it publishes what a task that never stopped publishes,
 * no change twice, retracts the same way, and leaves each configuration it writes in one entry. The earlier
 * layout is made from the stores the processor wrote, each configuration's states put back as the earlier
 * code kept them (the very bytes: {@link TestStores#seriesStatesWritingEarlier}).
 */
class SeriesStatesUpgradeTest {

    private static final String MODEL = "gemma3:270m";
    private static final Map<String, String> SHORT = Map.of("num_ctx", "2048");
    private static final Map<String, String> LONG = Map.of("num_ctx", "8192");
    private static final long T0 = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
    private static final Instant OBSERVED = Instant.parse("2025-02-01T00:00:00Z");
    private static final char SEPARATOR = '\u0000';

    /**
     * Snapshot taken while the model is marked due (a step's runs not yet evaluated): the restored task reads
     * the marked model's configurations from the earlier entries, evaluates them once, and publishes each
     * change once, as the task that never stopped does.
     */
    @Test
    void aMarkedModelRestoredFromTheEarlierLayoutPublishesWhatTheUninterruptedTaskPublishesOnce() {
        AggregationSettings settings = AggregationSettings.defaults();
        TaskStores stores = new TaskStores();
        stepFed(stores, settings, stores.started(settings));
        assertThat(stores.forwardedChanges()).as("not evaluated yet").isEmpty();
        TaskStores.Snapshot earlier = inEarlierLayout(stores.snapshot(), key -> true);

        stores.settle(settings, T0 + 10_000);
        TaskStores restored = restored(earlier);
        assertThat(seriesKeys(restored)).as("the earlier layout, one entry per series").hasSize(4)
                .allSatisfy(key -> assertThat(key.chars().filter(c -> c == SEPARATOR).count()).isEqualTo(2));
        restored.started(settings);
        restored.settle(settings, T0 + 10_000);

        assertThat(stores.forwardedChanges()).hasSize(2)
                .allSatisfy(change -> assertThat(change.getKind()).isEqualTo(ChangeEventKind.CHANGE));
        assertThat(restored.forwardedChanges()).isEqualTo(stores.forwardedChanges());
        assertThat(lastChanges(restored)).isEqualTo(lastChanges(stores));
        assertThat(seriesKeys(restored)).as("each configuration written once in its one entry, its earlier ones gone")
                .isEqualTo(seriesKeys(stores)).hasSize(2);
    }

    /**
     * Changes published, then the stores restored with one configuration in the earlier layout and one in the
     * new: nothing is published again, and a replaced file retracts both changes exactly as it does in the task
     * that never stopped.
     */
    @Test
    void aStoreHoldingBothLayoutsRetractsAfterARestartAsTheUninterruptedTaskDoesAndPublishesNothingTwice() {
        AggregationSettings settings = AggregationSettings.defaults();
        TaskStores stores = new TaskStores();
        RunAggregationProcessor processor = stores.started(settings);
        stepFed(stores, settings, processor);
        stores.settle(settings, T0 + 10_000);
        assertThat(stores.forwardedChanges()).hasSize(2);
        String firstConfig = seriesKeys(stores).get(0);
        TaskStores.Snapshot mixed = inEarlierLayout(stores.snapshot(), firstConfig::equals);
        int published = stores.forwardedChanges().size();

        // after.csv replaced by runs at the earlier level: the step is gone, both changes retracted.
        List<BenchmarkRun> replaced = level("after.csv", "v2", 100, 20);
        stores.feed(settings, processor, replaced, T0 + 20_000);
        stores.settle(settings, T0 + 20_000);
        List<PerformanceChange> uninterrupted = stores.forwardedChanges().subList(published, stores.forwardedChanges().size());
        assertThat(uninterrupted).hasSize(2)
                .allSatisfy(change -> assertThat(change.getKind()).isEqualTo(ChangeEventKind.RETRACTION));

        TaskStores restored = restored(mixed);
        assertThat(seriesKeys(restored)).as("both layouts").hasSize(3);
        RunAggregationProcessor second = restored.started(settings);
        restored.feed(settings, second, replaced, T0 + 20_000);
        restored.settle(settings, T0 + 20_000);

        assertThat(restored.forwardedChanges()).as("the same retractions, and no change published again")
                .isEqualTo(uninterrupted);
        assertThat(lastChanges(restored)).isEqualTo(lastChanges(stores));
        assertThat(seriesKeys(restored)).isEqualTo(seriesKeys(stores)).hasSize(2);
    }

    /** A level at 100 (before.csv), evaluated, then a step down to 88 (after.csv) fed and not yet evaluated. */
    private static void stepFed(TaskStores stores, AggregationSettings settings, RunAggregationProcessor processor) {
        stores.feed(settings, processor, level("before.csv", "v1", 100, 0), T0 + 1_000);
        stores.settle(settings, T0 + 1_000);
        stores.feed(settings, processor, level("after.csv", "v1", 88, 10), T0 + 10_000);
    }

    private static TaskStores restored(TaskStores.Snapshot snapshot) {
        TaskStores restored = new TaskStores();
        restored.rollBack(snapshot);
        return restored;
    }

    /** {@code snapshot} with the configurations whose key {@code earlier} takes in the earlier per-series layout. */
    private static TaskStores.Snapshot inEarlierLayout(TaskStores.Snapshot snapshot, Predicate<String> earlier) {
        List<KeyValue<String, ConfigStates>> series = new ArrayList<>();
        for (KeyValue<String, ConfigStates> entry : snapshot.changeSeries()) {
            if (earlier.test(entry.key)) {
                entry.value.byMetric().forEach((metric, state) ->
                        series.add(KeyValue.pair(entry.key + SEPARATOR + metric, TestStores.earlier(state))));
            } else {
                series.add(entry);
            }
        }
        return new TaskStores.Snapshot(snapshot.versions(), snapshot.configs(), snapshot.pending(), snapshot.changeRuns(),
                snapshot.changeFiles(), snapshot.changeFileConfigs(), series, snapshot.changeDue(), snapshot.publishedConfigs());
    }

    private static List<String> seriesKeys(TaskStores stores) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ConfigStates> all = stores.changeSeries.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private static Object lastChanges(TaskStores stores) {
        List<ModelMetrics> metrics = stores.forwardedMetrics();
        return metrics.get(metrics.size() - 1).getChanges();
    }

    /** Ten runs of the file at {@code level} (±1 alternating) in each of two configurations, a minute apart. */
    private static List<BenchmarkRun> level(String name, String version, double level, int from) {
        TestFile file = TestFile.of(name, version, Instant.ofEpochMilli(T0 + from * 1_000L));
        List<BenchmarkRun> runs = new ArrayList<>();
        int row = 0;
        for (Map<String, String> config : List.of(SHORT, LONG)) {
            for (int i = 0; i < 10; i++, row++) {
                int minute = from < 20 ? from + i : 10 + i;
                runs.add(BenchmarkRun.newBuilder(file.run(MODEL, row, config,
                                Map.of("tokens_per_s", level + (i % 2 == 0 ? 1 : -1), "ttft_ms", 60.0 + i % 3)))
                        .setObservedAt(OBSERVED.plus(Duration.ofMinutes(minute))).build());
            }
        }
        return runs;
    }
}
