package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What change detection remembers between evaluations (a configuration's points, its files' places
 * in time, the series states, the model's changes) never answers differently from the stores: after
 * a replaced file, after an aborted transaction rolls the stores back under the same processor, after
 * a restart from the changelog, when the catalog learns of a file late, and when a run gives the
 * model a new series between two evaluations. Each scenario runs with that memory filled by an
 * evaluation first, and gives the events a processor reading the stores alone gives.
 */
class ChangeMemoryTopologyTest {

    private static final String MODEL = "gemma3:270m";
    private static final Map<String, String> CONFIG = Map.of("num_ctx", "2048");
    private static final long T0 = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
    private static final Instant OBSERVED = Instant.parse("2025-02-01T00:00:00Z");
    private static final AggregationSettings SETTINGS = AggregationSettings.defaults();

    /**
     * A replaced file whose new version has 2 of the old version's 10 runs takes the step away: the
     * change is retracted, on a task that ran throughout (its memory held the old version's points
     * since the first evaluation) and on one restored from the changelog just before, alike. Had the
     * memory kept the 8 runs the new version lacks, the step would still stand there.
     */
    @Test
    void aReplacedFilesRunsLeaveTheMemoryAsTheyLeaveTheStores() {
        TestFile after = TestFile.of("after.csv", "v1", Instant.ofEpochMilli(T0 + 10));
        TestFile rewritten = TestFile.of("after.csv", "v2", Instant.ofEpochMilli(T0 + 600_000));
        TaskStores throughout = new TaskStores();
        RunAggregationProcessor running = started(throughout);
        feed(throughout, running, level(TestFile.of("before.csv", "v1", Instant.ofEpochMilli(T0)), 100, 0, 10), 1_000);
        feed(throughout, running, level(after, 88, 10, 10), 2_000);
        settle(throughout, 2_000);
        assertThat(throughout.forwardedChanges()).singleElement()
                .satisfies(change -> assertThat(change.getKind()).isEqualTo(ChangeEventKind.CHANGE));
        TaskStores restored = new TaskStores();
        restored.rollBack(throughout.snapshot());
        RunAggregationProcessor restarted = started(restored);

        for (TaskStores stores : List.of(throughout, restored)) {
            stores.catalog.put(rewritten.fileId(), rewritten.event(List.of(MODEL)));
            feed(stores, stores == throughout ? running : restarted, level(rewritten, 100, 10, 2), 10_000);
            settle(stores, 10_000);
        }

        List<PerformanceChange> afterReplacement = throughout.forwardedChanges().subList(1, throughout.forwardedChanges().size());
        assertThat(afterReplacement).singleElement().satisfies(retraction -> {
            assertThat(retraction.getKind()).isEqualTo(ChangeEventKind.RETRACTION);
            assertThat(retraction.getFirstRunId()).isEqualTo("id-after.csv#row 0");
        });
        assertThat(identities(restored.forwardedChanges())).isEqualTo(identities(afterReplacement));
    }

    /**
     * An aborted transaction rolls the stores back, and Kafka Streams revives the task with the same
     * processor (close, then init over the restored stores): the points of the aborted runs, which the
     * memory held since they were written, must not reach the next evaluation. They would make a
     * second step (to 70).
     */
    @Test
    void pointsOfAnAbortedTransactionNeverReachAnEvaluation() {
        TaskStores stores = new TaskStores();
        RunAggregationProcessor processor = started(stores);
        feed(stores, processor, level(TestFile.of("before.csv", "v1", Instant.ofEpochMilli(T0)), 100, 0, 10), 1_000);
        settle(stores, 1_000);
        TaskStores.Snapshot committed = stores.snapshot();
        feed(stores, processor, level(TestFile.of("aborted.csv", "v1", Instant.ofEpochMilli(T0 + 20)), 70, 20, 10), 5_000);

        processor.close();
        stores.rollBack(committed);
        processor.init(stores.context);
        feed(stores, processor, level(TestFile.of("after.csv", "v1", Instant.ofEpochMilli(T0 + 10)), 88, 10, 10), 6_000);
        settle(stores, 6_000);

        assertThat(stores.forwardedChanges()).singleElement().satisfies(change -> {
            assertThat(change.getDirection()).isEqualTo(ChangeDirection.REGRESSION);
            assertThat(change.getFirstRunId()).isEqualTo("id-after.csv#row 0");
            assertThat(change.getAfter().getN()).isEqualTo(10);
            assertThat(change.getAfter().getMean()).isEqualTo(88.0);
        });
    }

    /**
     * Runs processed but not yet evaluated when the task restarts (their configuration marked due in
     * the stores as committed) are evaluated after it, as on a task that ran throughout: the due marks
     * are read from the stores as restored, not only remembered as they were written.
     */
    @Test
    void aConfigurationDueWhenTheTaskRestartsIsEvaluatedAfterIt() {
        TaskStores throughout = new TaskStores();
        RunAggregationProcessor running = started(throughout);
        feed(throughout, running, level(TestFile.of("before.csv", "v1", Instant.ofEpochMilli(T0)), 100, 0, 10), 1_000);
        feed(throughout, running, level(TestFile.of("after.csv", "v1", Instant.ofEpochMilli(T0 + 10)), 88, 10, 10), 1_050);
        assertThat(throughout.forwardedChanges()).as("not evaluated before the restart").isEmpty();
        TaskStores restored = new TaskStores();
        restored.rollBack(throughout.snapshot());
        started(restored);

        settle(throughout, 1_050);
        settle(restored, 1_050);

        assertThat(throughout.forwardedChanges()).singleElement()
                .satisfies(change -> assertThat(change.getFirstRunId()).isEqualTo("id-after.csv#row 0"));
        assertThat(identities(restored.forwardedChanges())).isEqualTo(identities(throughout.forwardedChanges()));
    }

    /**
     * Runs without a time of their own are placed by their file's modified time once the catalog
     * knows the file, and by their ingest time until then. Two files evaluated before the catalog knew
     * them are placed anew at the next evaluation: f2 (88 tokens/s), modified first but ingested last,
     * comes before them, an improvement at f0's first run. Placed by their ingest times still, f0 and
     * f1 would come first, and f2's runs would be a regression.
     */
    @Test
    void filesTheCatalogLearnsOfAfterAnEvaluationArePlacedByTheirModifiedTimeAtTheNext() {
        TestFile f0 = TestFile.of("f0.csv", "v1", Instant.ofEpochMilli(T0));
        TestFile f1 = TestFile.of("f1.csv", "v1", Instant.ofEpochMilli(T0 + 60_000));
        TestFile f2 = TestFile.of("f2.csv", "v1", Instant.ofEpochMilli(T0 + 120_000));
        Instant modified = Instant.ofEpochMilli(T0).plus(Duration.ofDays(1));
        TaskStores stores = new TaskStores();
        RunAggregationProcessor processor = started(stores);
        feed(stores, processor, untimed(f0, 100), 1_000);
        feed(stores, processor, untimed(f1, 100), 1_000);
        settle(stores, 1_000);
        assertThat(stores.forwardedChanges()).isEmpty();

        catalogue(stores, f2, modified.plus(Duration.ofHours(1)));
        catalogue(stores, f0, modified.plus(Duration.ofHours(2)));
        catalogue(stores, f1, modified.plus(Duration.ofHours(3)));
        feed(stores, processor, untimed(f2, 88), 10_000);
        settle(stores, 10_000);

        assertThat(stores.forwardedChanges()).singleElement().satisfies(change -> {
            assertThat(change.getDirection()).isEqualTo(ChangeDirection.IMPROVEMENT);
            assertThat(change.getFirstRunId()).isEqualTo("id-f0.csv#row 0");
            assertThat(change.getFirstRunAt()).isEqualTo(modified.plus(Duration.ofHours(2)));
        });
    }

    /**
     * Between two evaluations a model-metrics refresh carries the model's changes as remembered from
     * the last one, but a run that gives the model a new series (a new configuration) counts at once.
     */
    @Test
    void aRefreshCountsASeriesANewConfigurationBroughtSinceTheLastEvaluation() {
        TaskStores stores = new TaskStores();
        RunAggregationProcessor processor = started(stores);
        feed(stores, processor, level(TestFile.of("before.csv", "v1", Instant.ofEpochMilli(T0)), 100, 0, 10), 1_000);
        settle(stores, 1_000);
        assertThat(lastMetrics(stores).getChanges().getWatchedSeries()).isEqualTo(1);

        int emitted = stores.forwardedMetrics().size();

        TestFile other = TestFile.of("other.csv", "v1", Instant.ofEpochMilli(T0 + 30));
        feed(stores, processor, List.of(other.run(MODEL, 0, Map.of("num_ctx", "4096"), Map.of("tokens_per_s", 50.0))),
                10_000);

        assertThat(stores.forwardedMetrics()).as("the refresh at the tick after the run").hasSize(emitted + 1);
        assertThat(lastMetrics(stores).getChanges().getWatchedSeries()).isEqualTo(2);
    }

    private static ModelMetrics lastMetrics(TaskStores stores) {
        List<ModelMetrics> metrics = stores.forwardedMetrics();
        assertThat(metrics).isNotEmpty();
        return metrics.get(metrics.size() - 1);
    }

    private static List<String> identities(List<PerformanceChange> changes) {
        return changes.stream().map(change -> change.getKind() + " " + change.getChangeId() + " " + change.getFirstRunId()
                + " " + change.getBefore().getMean() + " " + change.getAfter().getMean()).toList();
    }

    private static void catalogue(TaskStores stores, TestFile file, Instant modifiedAt) {
        stores.catalog.put(file.fileId(),
                BenchmarkFile.newBuilder(file.event(List.of(MODEL))).setModifiedAt(modifiedAt).build());
    }

    /** {@code count} runs of {@code file} at {@code level} (±1 alternating), observed a minute apart from minute {@code from}. */
    private static List<BenchmarkRun> level(TestFile file, double level, int from, int count) {
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 0; row < count; row++) {
            runs.add(BenchmarkRun.newBuilder(file.run(MODEL, row, CONFIG, Map.of("tokens_per_s", level + (row % 2 == 0 ? 1 : -1))))
                    .setObservedAt(OBSERVED.plus(Duration.ofMinutes(from + row))).build());
        }
        return runs;
    }

    /** 10 runs of {@code file} at {@code level} (±1 alternating) without a time of their own. */
    private static List<BenchmarkRun> untimed(TestFile file, double level) {
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int row = 0; row < 10; row++) {
            runs.add(file.run(MODEL, row, CONFIG, Map.of("tokens_per_s", level + (row % 2 == 0 ? 1 : -1))));
        }
        return runs;
    }

    private static RunAggregationProcessor started(TaskStores stores) {
        return stores.started(SETTINGS);
    }

    /** Processes {@code runs} at {@code T0 + at}, then ticks once. */
    private static void feed(TaskStores stores, RunAggregationProcessor processor, List<BenchmarkRun> runs, long at) {
        stores.feed(SETTINGS, processor, runs, T0 + at);
    }

    /** Ticks once the debounce has passed since {@code T0 + lastFeed}: every model is due. */
    private static void settle(TaskStores stores, long lastFeed) {
        stores.settle(SETTINGS, T0 + lastFeed);
    }
}
