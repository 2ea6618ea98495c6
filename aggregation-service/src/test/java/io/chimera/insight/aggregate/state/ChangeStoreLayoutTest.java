package io.chimera.insight.aggregate.state;

import static io.chimera.insight.aggregate.state.ChangePoints.place;
import static io.chimera.insight.aggregate.state.ChangePoints.runId;
import static io.chimera.insight.aggregate.state.TestStores.inMemory;
import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import io.chimera.insight.aggregate.statistics.FilePoints;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.aggregate.statistics.SeriesState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The layout of {@code change-runs}: one entry per (model, configuration, file) holding the points of
 * the file's runs there, rewritten as they arrive (so that Streams' record cache merges a file's runs
 * into one write per commit), never one entry per run; and the earlier layout, one entry per run
 * (a store restored from a changelog the earlier code wrote), read as it stands and rewritten in the
 * new one when its configuration is first read.
 */
class ChangeStoreLayoutTest {

    private static final String MODEL = "gemma3:270m";

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final KeyValueStore<String, FilePoints> runs = inMemory(context, "change-runs", earlierOrCurrent());
    private final KeyValueStore<String, ChangeFile> files = inMemory(context, "change-files", new ChangeFileCodec().serde());
    private final KeyValueStore<String, String> fileConfigs = inMemory(context, "change-file-configs", Serdes.String());
    private final KeyValueStore<String, SeriesState> series = inMemory(context, "change-series", new SeriesStateCodec().serde());
    private final KeyValueStore<String, Long> due = inMemory(context, "change-due", Serdes.Long());

    @Test
    void aFilesRunsInAConfigurationAreOneEntry() {
        ChangeStore store = afresh();
        for (int row = 0; row < 3; row++) {
            add(store, "config-a", "f", row);
        }
        add(store, "config-b", "f", 3);
        add(store, "config-a", "g", 4);

        assertThat(entries()).extracting(entry -> entry.key).containsExactly(
                StateKeys.filePoints(MODEL, "config-a", "f"), StateKeys.filePoints(MODEL, "config-a", "g"),
                StateKeys.filePoints(MODEL, "config-b", "f"));
        assertThat(runs.get(StateKeys.filePoints(MODEL, "config-a", "f")).byRun().keySet())
                .containsExactly(runId("f", 0), runId("f", 1), runId("f", 2));
        assertThat(afresh().runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId)
                .containsExactlyInAnyOrder(runId("f", 0), runId("f", 1), runId("f", 2), runId("g", 4));
    }

    @Test
    void theBoundsDropsRewriteTheirFilesEntryAndAnEmptiedEntryLeaves() {
        ChangeStore store = afresh();
        for (int row = 0; row < 3; row++) {
            add(store, "config-a", "old", row);
        }
        add(store, "config-a", "new", 3);
        store.runs(MODEL, "config-a");

        store.trimmed(MODEL, "config-a", List.of(place("old", 0), place("old", 1)));

        assertThat(runs.get(StateKeys.filePoints(MODEL, "config-a", "old")).byRun().keySet()).containsExactly(runId("old", 2));
        store.trimmed(MODEL, "config-a", List.of(place("old", 2)));
        assertThat(runs.get(StateKeys.filePoints(MODEL, "config-a", "old"))).isNull();
        assertThat(afresh().runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId).containsExactly(runId("new", 3));
    }

    /**
     * Entries of the earlier layout (one per run, format 1) are read with the configuration, those of
     * a file that got runs since in the new layout beside them; a run in both (delivered again after
     * the upgrade) is the new entry's. The read rewrites them in the new layout, so the store holds
     * no entry of the earlier one afterwards, and a store built afresh reads the same points.
     */
    @Test
    void theEarlierOneEntryPerRunLayoutIsReadWithItsConfigurationAndRewritten() {
        earlierEntry("config-a", "f", 0, 100.0);
        earlierEntry("config-a", "f", 1, 100.0);
        earlierEntry("config-a", "g", 2, 100.0);
        earlierEntry("config-b", "f", 3, 100.0);
        stateOf("config-a");
        stateOf("config-b");
        files.put(StateKeys.file(MODEL, "f"), new ChangeFile("sha-f", "results/f.csv"));
        files.put(StateKeys.file(MODEL, "g"), new ChangeFile("sha-g", "results/g.csv"));
        ChangeStore upgraded = afresh();
        // After the upgrade: row 1 of f again, with another value, and a new row 4 of f.
        add(upgraded, "config-a", "f", 1, 120.0);
        add(upgraded, "config-a", "f", 4, 100.0);

        List<ChangeStore.StoredRun> read = upgraded.runs(MODEL, "config-a");

        assertThat(read).extracting(ChangeStore.StoredRun::runId).containsExactlyInAnyOrder(
                runId("f", 0), runId("f", 1), runId("f", 4), runId("g", 2));
        assertThat(read).filteredOn(run -> run.runId().equals(runId("f", 1))).singleElement()
                .satisfies(run -> assertThat(run.point().value(0)).isEqualTo(120.0));
        assertThat(entries()).extracting(entry -> entry.key).containsExactly(
                StateKeys.filePoints(MODEL, "config-a", "f"), StateKeys.filePoints(MODEL, "config-a", "g"),
                StateKeys.runPoint(MODEL, "config-b", "f", runId("f", 3)));
        assertThat(afresh().runs(MODEL, "config-a")).containsExactlyInAnyOrderElementsOf(read);
        assertThat(afresh().runs(MODEL, "config-b")).extracting(ChangeStore.StoredRun::runId).containsExactly(runId("f", 3));
        assertThat(entries()).extracting(entry -> entry.key).doesNotContain(StateKeys.runPoint(MODEL, "config-b", "f", runId("f", 3)));
    }

    /** A replaced file whose configuration was not read since the upgrade still leaves whole, its earlier entries too. */
    @Test
    void aReplacedFileLeavesWithItsEntriesOfBothLayouts() {
        earlierEntry("config-a", "f", 0, 100.0);
        earlierEntry("config-a", "g", 1, 100.0);
        fileConfigs.put(StateKeys.file(MODEL, "f") + StateKeys.SEPARATOR + "config-a", "config-a");
        fileConfigs.put(StateKeys.file(MODEL, "g") + StateKeys.SEPARATOR + "config-a", "config-a");
        stateOf("config-a");
        files.put(StateKeys.file(MODEL, "f"), new ChangeFile("sha-f", "results/f.csv"));
        files.put(StateKeys.file(MODEL, "g"), new ChangeFile("sha-g", "results/g.csv"));
        ChangeStore upgraded = afresh();
        add(upgraded, "config-a", "f", 2, 100.0);

        assertThat(upgraded.dropFile(MODEL, "f", 5_000L)).containsExactly("config-a");

        assertThat(entries()).extracting(entry -> entry.key).containsExactly(StateKeys.runPoint(MODEL, "config-a", "g", runId("g", 1)));
        assertThat(upgraded.runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId).containsExactly(runId("g", 1));
    }

    private void earlierEntry(String configKey, String fileId, int row, double tokensPerS) {
        runs.put(StateKeys.runPoint(MODEL, configKey, fileId, runId(fileId, row)), FilePoints.earlier(point(row, tokensPerS)));
    }

    /** The configuration's tokens/s series holds a state, as every configuration with points does. */
    private void stateOf(String configKey) {
        series.put(StateKeys.series(new SeriesId(MODEL, configKey, RunPoint.METRICS.get(0))), SeriesState.first(Map.of("k", configKey)));
    }

    private List<KeyValue<String, FilePoints>> entries() {
        List<KeyValue<String, FilePoints>> all = new ArrayList<>();
        try (KeyValueIterator<String, FilePoints> entries = runs.all()) {
            entries.forEachRemaining(all::add);
        }
        return all;
    }

    private ChangeStore afresh() {
        return new ChangeStore(runs, files, fileConfigs, series, due);
    }

    private static void add(ChangeStore store, String configKey, String fileId, int row) {
        add(store, configKey, fileId, row, 100.0);
    }

    private static void add(ChangeStore store, String configKey, String fileId, int row, double tokensPerS) {
        store.add(MODEL, configKey, Map.of("k", configKey), fileId, "sha-" + fileId, "results/" + fileId + ".csv",
                runId(fileId, row), point(row, tokensPerS), 1_000L);
    }

    private static RunPoint point(int row, double tokensPerS) {
        return new RunPoint(row, 1_000L * row, 1_000L * row, 50.0, new double[] {tokensPerS, 60.0});
    }

    /**
     * The store's serde, writing a {@link FilePoints#earlier} value as the earlier code wrote a point
     * (format 1, {@link RunPointCodec}), so that the test can plant entries of the earlier layout.
     */
    private static Serde<FilePoints> earlierOrCurrent() {
        FilePointsCodec current = new FilePointsCodec();
        RunPointCodec earlier = new RunPointCodec();
        return Serdes.serdeFrom((topic, value) -> value != null && value.byRun().containsKey(FilePoints.ID_IN_KEY)
                        ? earlier.encode(value.byRun().get(FilePoints.ID_IN_KEY)) : current.encode(value),
                (topic, bytes) -> current.decode(bytes));
    }
}
