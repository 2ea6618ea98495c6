package io.chimera.insight.aggregate.state;

import static io.chimera.insight.aggregate.state.ChangePoints.place;
import static io.chimera.insight.aggregate.state.ChangePoints.runId;
import static io.chimera.insight.aggregate.state.TestStores.countingDecodes;
import static io.chimera.insight.aggregate.state.TestStores.inMemory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import io.chimera.insight.aggregate.statistics.ChangeSegmentStats;
import io.chimera.insight.aggregate.statistics.EmittedChange;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.aggregate.statistics.SeriesState;
import io.chimera.insight.events.ChangeDirection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The change store's memory of what it read and wrote: a configuration's points, the files and the
 * series states are read from the stores once, not at every run or evaluation, and what the memory
 * answers is what the stores hold after every kind of write (a run's point, a replaced file, the
 * history bound's drops), as a store built afresh over the same stores (a restarted task) reads it;
 * past its budget it reads the stores again, with the same answers.
 */
class ChangeStoreMemoryTest {

    private static final String MODEL = "gemma3:270m";

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    /** Values each store has decoded (gets, scans, and the old values deletes return). */
    private final AtomicInteger decodedChunks = new AtomicInteger();
    private final AtomicInteger decodedFiles = new AtomicInteger();
    private final AtomicInteger decodedIndex = new AtomicInteger();
    private final AtomicInteger decodedStates = new AtomicInteger();
    private final KeyValueStore<String, PointChunk> runs = inMemory(context, "change-runs", countingDecodes(new PointChunkCodec().serde(), decodedChunks));
    private final KeyValueStore<String, ChangeFile> files = inMemory(context, "change-files", countingDecodes(new ChangeFileCodec().serde(), decodedFiles));
    private final KeyValueStore<String, ConfigChunk> fileConfigs = inMemory(context, "change-file-configs", countingDecodes(new ConfigChunkCodec().storeSerde(), decodedIndex));
    private final KeyValueStore<String, ConfigStates> series = inMemory(context, "change-series",
            countingDecodes(new ConfigStatesCodec().serde(), decodedStates));
    private final KeyValueStore<String, Long> due = inMemory(context, "change-due", Serdes.Long());

    @Test
    void aConfigurationsPointsAreReadFromTheStoreOnceAndStayWhatItHolds() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);
        for (int row = 0; row < 10; row++) {
            add(store, "config-a", "file-" + (row % 3), row);
        }
        assertThat(store.runs(MODEL, "config-a")).hasSize(10);
        decodedChunks.set(0);

        // Every kind of write after the first read: new points, a run's point written again, the bound's
        // drops, a replaced file.
        add(store, "config-a", "file-3", 10);
        add(store, "config-a", "file-3", 11);
        add(store, "config-a", "file-0", 0, 55.0);
        store.trimmed(MODEL, "config-a", List.of(place("file-1", 1), place("file-1", 4)));
        store.dropFile(MODEL, "file-2", 2_000L);
        decodedChunks.set(0);
        Collection<ChangeStore.StoredRun> held = store.runs(MODEL, "config-a");

        assertThat(decodedChunks).as("points decoded by the second read").hasValue(0);
        assertThat(held).containsExactlyInAnyOrderElementsOf(afresh().runs(MODEL, "config-a"));
        assertThat(held).extracting(ChangeStore.StoredRun::runId).containsExactlyInAnyOrder(
                runId("file-0", 0), runId("file-0", 3), runId("file-0", 6), runId("file-0", 9),
                runId("file-1", 7), runId("file-3", 10), runId("file-3", 11));
        assertThat(held).filteredOn(run -> run.runId().equals(runId("file-0", 0)))
                .singleElement().satisfies(run -> assertThat(run.point().value(0)).isEqualTo(55.0));
    }

    /**
     * A fresh configuration's points are held as a list while its runs come once (HeldRuns): a run that
     * comes again, its file's chunks there held whole, replaces its point in its first place, as the store
     * and a restarted task read it.
     */
    @Test
    void aRunThatComesAgainKeepsOnePointInItsFirstPlace() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);
        for (int row = 0; row < 3; row++) {
            add(store, "config-a", "file-0", row);
        }
        add(store, "config-a", "file-1", 3);
        add(store, "config-a", "file-0", 1, 55.0);

        Collection<ChangeStore.StoredRun> held = store.runs(MODEL, "config-a");

        assertThat(held).extracting(ChangeStore.StoredRun::runId).containsExactly(
                runId("file-0", 0), runId("file-0", 1), runId("file-0", 2), runId("file-1", 3));
        assertThat(held).filteredOn(run -> run.runId().equals(runId("file-0", 1)))
                .singleElement().satisfies(run -> assertThat(run.point().value(0)).isEqualTo(55.0));
        assertThat(held).containsExactlyInAnyOrderElementsOf(afresh().runs(MODEL, "config-a"));
    }

    /**
     * A run that comes again to a file held by its last chunk alone (past {@link ChangeStore#FILE_POINTS_HELD_WHOLE}
     * points in the configuration), its earlier point in an earlier chunk: the chunks cannot tell it is not new,
     * and the configuration's points still hold it once, with its later point.
     */
    @Test
    void aRunThatComesAgainToAFileHeldByItsLastChunkIsHeldOnce() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);
        int rows = ChangeStore.FILE_POINTS_HELD_WHOLE + 40;
        for (int row = 0; row < rows; row++) {
            add(store, "config-a", "file-0", row);
        }
        add(store, "config-a", "file-0", 0, 55.0);

        Collection<ChangeStore.StoredRun> held = store.runs(MODEL, "config-a");

        assertThat(held).hasSize(rows);
        assertThat(held.iterator().next()).satisfies(run -> {
            assertThat(run.runId()).isEqualTo(runId("file-0", 0));
            assertThat(run.point().value(0)).isEqualTo(55.0);
        });
        assertThat(held).containsExactlyInAnyOrderElementsOf(afresh().runs(MODEL, "config-a"));
    }

    /**
     * What leaves the stores at an evaluation (the points the bound drops, the index entries and the
     * files they empty, the due mark) is deleted without its old value being read back and decoded,
     * and leaves the stores as a restarted task reads them.
     */
    @Test
    void whatLeavesAtAnEvaluationIsDeletedWithoutBeingDecoded() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);
        for (int row = 0; row < 6; row++) {
            add(store, "config-a", "file-" + (row % 3), row);
        }
        add(store, "config-b", "file-2", 6);
        store.runs(MODEL, "config-a");
        decodedChunks.set(0);
        decodedFiles.set(0);
        decodedIndex.set(0);

        store.trimmed(MODEL, "config-a", List.of(place("file-0", 0), place("file-0", 3), place("file-1", 1)));
        store.filesLeft(MODEL, "config-a", List.of("file-0"));
        store.evaluated(MODEL, "config-a");

        assertThat(decodedChunks).as("points decoded").hasValue(0);
        assertThat(decodedIndex).as("index entries decoded").hasValue(0);
        assertThat(decodedFiles).as("file entries decoded").hasValue(0);
        ChangeStore restarted = afresh();
        assertThat(restarted.runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId)
                .containsExactlyInAnyOrder(runId("file-1", 4), runId("file-2", 2), runId("file-2", 5));
        assertThat(restarted.file(MODEL, "file-0")).isNull();
        assertThat(restarted.fileConfigs(MODEL, "file-0")).isEmpty();
        assertThat(restarted.fileConfigs(MODEL, "file-2")).containsExactly("config-a", "config-b");
        // config-b is still due, so the model keeps its mark: a restarted task evaluates it whole (DueConfigs).
        assertThat(store.dueConfigs(MODEL)).containsExactly("config-b");
        assertThat(restarted.dueConfigs(MODEL)).containsExactly("config-a", "config-b");
        store.evaluated(MODEL, "config-b");
        assertThat(due.approximateNumEntries()).as("the model's mark left with its last due configuration").isZero();
    }

    @Test
    void aReplacedFileLeavesEveryHeldConfigurationItHadPointsIn() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);
        add(store, "config-a", "kept", 0);
        add(store, "config-a", "replaced", 1);
        add(store, "config-b", "replaced", 2);
        add(store, "config-b", "kept", 3);
        store.runs(MODEL, "config-a");
        store.runs(MODEL, "config-b");

        store.dropFile(MODEL, "replaced", 2_000L);

        assertThat(store.runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::fileId).containsExactly("kept");
        assertThat(store.runs(MODEL, "config-b")).extracting(ChangeStore.StoredRun::fileId).containsExactly("kept");
        assertThat(store.file(MODEL, "replaced")).isNull();
        assertThat(afresh().file(MODEL, "replaced")).isNull();
    }

    @Test
    void pastItsBudgetTheStoreIsReadAgainWithTheSameAnswers() {
        // 4 points held at most: config-a (3 points) is held until config-b (3) takes its place.
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due, 4, 4, 4);
        for (int row = 0; row < 3; row++) {
            add(store, "config-a", "file-a", row);
            add(store, "config-b", "file-b", row);
        }
        store.runs(MODEL, "config-a");
        store.runs(MODEL, "config-b");
        add(store, "config-a", "file-a", 3);
        decodedChunks.set(0);

        assertThat(store.runs(MODEL, "config-a")).hasSize(4)
                .containsExactlyInAnyOrderElementsOf(afresh().runs(MODEL, "config-a"));
        // Its 4 points are one chunk (file-a's in config-a), decoded once by each read.
        assertThat(decodedChunks).as("config-a read again from the store, then by the fresh store").hasValue(2);
        assertThat(store.runs(MODEL, "config-b")).containsExactlyInAnyOrderElementsOf(afresh().runs(MODEL, "config-b"));
    }

    @Test
    void runsOfFilesArrivingInterleavedReadEachFileOnce() {
        ChangeStore first = new ChangeStore(runs, files, fileConfigs, series, due);
        add(first, "config-a", "file-x", 0);
        add(first, "config-a", "file-y", 1);
        decodedFiles.set(0);
        decodedIndex.set(0);

        // A restarted task: both files are held in the stores, and their runs alternate.
        ChangeStore restarted = afresh();
        for (int row = 2; row < 12; row++) {
            add(restarted, "config-a", row % 2 == 0 ? "file-x" : "file-y", row);
        }

        // Each file's first index chunk holds its fields: read by the get that finds it, then by the scan
        // of the file's chunks; no file entry of its own (there were 2 of those and 2 chunk reads before).
        assertThat(decodedFiles).as("file entries decoded").hasValue(0);
        assertThat(decodedIndex).as("index entries decoded").hasValue(4);
        assertThat(files.approximateNumEntries()).isZero();
        assertThat(fileConfigs.approximateNumEntries()).isEqualTo(2);
    }

    /**
     * A file met again after a restart knows only the index entries it has seen since: when the bound
     * drops its last point in one configuration, the store is asked whether another still names it.
     */
    @Test
    void aFileMetAfterARestartKeepsItsEntryWhileAnotherConfigurationHoldsItsPoints() {
        ChangeStore first = new ChangeStore(runs, files, fileConfigs, series, due);
        add(first, "config-a", "f", 0);
        add(first, "config-b", "f", 1);

        ChangeStore restarted = afresh();
        add(restarted, "config-a", "f", 2);
        restarted.trimmed(MODEL, "config-a", List.of(place("f", 0), place("f", 2)));
        restarted.filesLeft(MODEL, "config-a", List.of("f"));

        assertThat(restarted.file(MODEL, "f")).isEqualTo(new ChangeFile("sha-f", "results/f.csv"));
        assertThat(restarted.fileConfigs(MODEL, "f")).containsExactly("config-b");

        restarted.trimmed(MODEL, "config-b", List.of(place("f", 1)));
        restarted.filesLeft(MODEL, "config-b", List.of("f"));

        assertThat(restarted.file(MODEL, "f")).isNull();
        assertThat(files.approximateNumEntries()).isZero();
        assertThat(fileConfigs.approximateNumEntries()).isZero();
    }

    @Test
    void aModelsSeriesStatesAreReadOnceAndFollowEveryWrite() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);
        add(store, "config-a", "f", 0);
        add(store, "config-b", "f", 1);
        assertThat(store.states(MODEL)).hasSize(4);
        decodedStates.set(0);

        SeriesId tokensA = new SeriesId(MODEL, "config-a", RunPoint.METRICS.get(0));
        SeriesId ttftB = new SeriesId(MODEL, "config-b", RunPoint.METRICS.get(1));
        SeriesState trimmed = store.state(tokensA).evaluated(5_000L, List.of(), List.of(), 6_000L);
        store.evaluated(tokensA, trimmed, false);
        store.evaluated(ttftB, store.state(ttftB), true);
        store.evaluated(MODEL, "config-a");
        store.evaluated(MODEL, "config-b");
        add(store, "config-c", "f", 2);
        List<KeyValue<SeriesId, SeriesState>> held = store.states(MODEL);

        assertThat(decodedStates).as("no state decoded: a write or delete takes its configuration's other states from those held").hasValue(0);
        assertThat(held).containsExactlyElementsOf(afresh().states(MODEL));
        assertThat(held).hasSize(5).extracting(state -> state.key).doesNotContain(ttftB);
        assertThat(store.state(tokensA).trimmedThrough()).isEqualTo(5_000L);
        assertThat(store.state(ttftB)).isNull();
    }

    /**
     * A model with more series states than are held (two here, it has four, then more) is counted
     * instead: its changes are built from one scan of its states, then from the count and the states
     * holding a change, kept up to date at every write and delete, as a store built afresh reads them.
     */
    @Test
    void aModelWithMoreStatesThanAreHeldIsCountedAfterOneScan() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due, 16, 2, 16);
        add(store, "config-a", "f", 0);
        add(store, "config-b", "f", 1);
        assertThat(store.watched(MODEL).count()).isEqualTo(4);
        decodedStates.set(0);

        SeriesId tokensA = new SeriesId(MODEL, "config-a", RunPoint.METRICS.get(0));
        SeriesId ttftB = new SeriesId(MODEL, "config-b", RunPoint.METRICS.get(1));
        SeriesId ttftC = new SeriesId(MODEL, "config-c", RunPoint.METRICS.get(1));
        SeriesId ttftD = new SeriesId(MODEL, "config-d", RunPoint.METRICS.get(1));
        store.evaluated(tokensA, store.state(tokensA).evaluated(5_000L, List.of(change()), List.of(), 6_000L), false);
        store.evaluated(ttftB, store.state(ttftB), true);
        store.evaluated(MODEL, "config-a");
        store.evaluated(MODEL, "config-b");
        add(store, "config-c", "f", 2);
        store.evaluated(ttftC, store.state(ttftC).evaluated(0L, List.of(change()), List.of(), 7_000L), false);
        // A state an evaluation writes where the store held none: one more series.
        store.evaluated(ttftD, SeriesState.first(Map.of("k", "config-d")).evaluated(0L, List.of(change()), List.of(),
                7_000L), false);
        int decodedByWrites = decodedStates.get();
        ChangeStore.WatchedSeries watched = store.watched(MODEL);

        assertThat(decodedStates.get() - decodedByWrites).as("states decoded to build the changes").isZero();
        ChangeStore.WatchedSeries fresh = afresh().watched(MODEL);
        assertThat(watched.count()).isEqualTo(fresh.count()).isEqualTo(6);
        assertThat(watched.withChanges()).containsExactlyElementsOf(fresh.withChanges());
        assertThat(watched.withChanges()).extracting(state -> state.key).containsExactly(tokensA, ttftC, ttftD);
    }

    /**
     * A configuration none of whose series holds a state holds no point, so its points are held from
     * its first run and its evaluation reads none from the store; one whose states were written before
     * (a restarted task meeting it again) is read whole, the points written before the restart too.
     */
    @Test
    void aConfigurationWithoutAStateIsHeldFromItsFirstRunAndOneWithStatesIsReadWhole() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);
        for (int row = 0; row < 4; row++) {
            add(store, "config-a", "file-a", row);
        }

        assertThat(store.runs(MODEL, "config-a")).hasSize(4);
        assertThat(decodedChunks).as("points decoded: the store's own writes are held").hasValue(0);

        ChangeStore restarted = afresh();
        add(restarted, "config-a", "file-b", 4);
        Collection<ChangeStore.StoredRun> held = restarted.runs(MODEL, "config-a");

        assertThat(held).extracting(ChangeStore.StoredRun::runId).containsExactlyInAnyOrder(
                runId("file-a", 0), runId("file-a", 1), runId("file-a", 2), runId("file-a", 3), runId("file-b", 4));
        // One chunk per file: file-a's 4 points written before the restart, file-b's one since.
        assertThat(decodedChunks).as("the restarted task read the configuration from the store").hasValue(2);
    }

    /**
     * Once an evaluation has forgotten every series of a configuration (its points all gone, here with
     * their replaced file), the configuration holds no point again: its next points are held without
     * a read, and they are all it holds. One point held at most, so config-b's first point takes the
     * place of config-a's.
     */
    @Test
    void aConfigurationWhoseSeriesWereAllForgottenIsHeldAgainFromItsNextRun() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due, 1, 16, 16);
        add(store, "config-a", "old", 0);
        add(store, "config-b", "other", 1);
        store.dropFile(MODEL, "old", 2_000L);
        for (String metric : RunPoint.METRICS) {
            SeriesId id = new SeriesId(MODEL, "config-a", metric);
            store.evaluated(id, store.state(id), true);
        }
        store.evaluated(MODEL, "config-a");
        decodedChunks.set(0);

        add(store, "config-a", "new", 2);

        assertThat(store.runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId)
                .containsExactly(runId("new", 2));
        assertThat(decodedChunks).as("points decoded").hasValue(0);
        assertThat(afresh().runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId)
                .containsExactly(runId("new", 2));
    }

    /**
     * The store holds one due mark per model with configurations due, written by its first and deleted
     * with its last: the configurations' runs and evaluations between cost no mark. Which configurations
     * are due is memory, listed in the store's key order (UTF-8 bytes, Unicode code points: U+FFFD
     * before U+1F600, which {@code String.compareTo} would put first); a restarted task finds every
     * configuration of a marked model due (every configuration holding a series state), so it
     * evaluates the model whole once.
     */
    @Test
    void aModelIsMarkedDueOnceAndARestartedTaskFindsItsEveryConfigurationDue() {
        String emoji = "ctx \uD83D\uDE00";
        String replacement = "ctx \uFFFD";
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);
        add(store, emoji, "f", 0);
        add(store, replacement, "f", 1);
        add(store, "config-a", "g", 2);
        add(store, "config-a", "g", 3);

        assertThat(marks()).containsExactly(MODEL);
        assertThat(store.dueConfigs(MODEL)).containsExactly("config-a", replacement, emoji);

        store.evaluated(MODEL, "config-a");
        store.evaluated(MODEL, emoji);
        assertThat(store.dueConfigs(MODEL)).containsExactly(replacement);
        assertThat(marks()).containsExactly(MODEL);
        assertThat(afresh().dueConfigs(MODEL)).containsExactly("config-a", replacement, emoji);
        assertThat(afresh().dueConfigs("another model")).isEmpty();

        store.evaluated(MODEL, replacement);
        assertThat(marks()).isEmpty();
        assertThat(afresh().dueConfigs(MODEL)).isEmpty();

        store.dropFile(MODEL, "g", 5_000L);
        assertThat(store.dueConfigs(MODEL)).containsExactly("config-a");
        assertThat(marks()).containsExactly(MODEL);
        ChangeStore restarted = afresh();
        restarted.evaluated(MODEL, "config-a");
        restarted.evaluated(MODEL, replacement);
        assertThat(restarted.dueConfigs(MODEL)).containsExactly(emoji);
        restarted.evaluated(MODEL, emoji);
        assertThat(marks()).isEmpty();
    }

    /**
     * Marks of the earlier layout, one per configuration (a store restored from a changelog the earlier
     * code wrote), mark their model: a restarted task finds its configurations due, those marked and
     * every one holding a state, and the marks leave with the model's last due configuration.
     */
    @Test
    void earlierMarksPerConfigurationMarkTheirModel() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);
        add(store, "config-a", "f", 0);
        add(store, "config-b", "f", 1);
        store.evaluated(MODEL, "config-a");
        store.evaluated(MODEL, "config-b");
        due.put(StateKeys.changeConfig(MODEL, "config-b"), 1_000L);
        due.put(StateKeys.changeConfig(MODEL, "config-z"), 1_000L);

        ChangeStore upgraded = afresh();

        assertThat(upgraded.dueConfigs(MODEL)).containsExactly("config-a", "config-b", "config-z");
        upgraded.evaluated(MODEL, "config-a");
        upgraded.evaluated(MODEL, "config-b");
        assertThat(marks()).hasSize(2);
        upgraded.evaluated(MODEL, "config-z");
        assertThat(marks()).isEmpty();
        assertThat(afresh().dueConfigs(MODEL)).isEmpty();
    }

    private List<String> marks() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> marks = due.all()) {
            marks.forEachRemaining(mark -> keys.add(mark.key));
        }
        return keys;
    }

    @Test
    void aPointWithoutAnyValueIsRefused() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);
        RunPoint none = new RunPoint(0, 1_000L, 1_000L, 50.0, new double[] {Double.NaN, Double.NaN});

        assertThatThrownBy(() -> store.add(MODEL, "config-a", Map.of(), "f", "sha-f", "results/f.csv", runId("f", 0), none,
                1_000L)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(runId("f", 0));
        assertThat(runs.approximateNumEntries()).isZero();
    }

    /** A change published for a series, as an evaluation keeps it. */
    private static EmittedChange change() {
        return new EmittedChange(runId("f", 0), "f", "results/f.csv", 1_000L, 0L, ChangeDirection.IMPROVEMENT, 0L,
                new ChangeSegmentStats(10, 100, 99, 101), new ChangeSegmentStats(2, 120, 118, 122), 0.2, 1e-6, "Welch t",
                6_000L);
    }

    /** A store built afresh over the same stores: what a restarted task reads. */
    private ChangeStore afresh() {
        return new ChangeStore(runs, files, fileConfigs, series, due);
    }

    private static void add(ChangeStore store, String configKey, String fileId, int row) {
        add(store, configKey, fileId, row, 100.0);
    }

    private static void add(ChangeStore store, String configKey, String fileId, int row, double tokensPerS) {
        store.add(MODEL, configKey, Map.of("k", configKey), fileId, "sha-" + fileId, "results/" + fileId + ".csv",
                runId(fileId, row), new RunPoint(row, 1_000L * row, 1_000L * row, 50.0, new double[] {tokensPerS, 60.0}),
                1_000L);
    }
}
