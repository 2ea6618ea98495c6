package io.chimera.insight.aggregate.state;

import static io.chimera.insight.aggregate.state.ChangePoints.place;
import static io.chimera.insight.aggregate.state.ChangePoints.runId;
import static io.chimera.insight.aggregate.state.TestStores.countingDecodes;
import static io.chimera.insight.aggregate.state.TestStores.inMemory;
import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.aggregate.statistics.SeriesState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The change-detection store's file index: a replaced file's points are found through its index
 * entries (one per configuration it has points in), so dropping it reads its own points and no other
 * point of the model; the history bound's drops keep the index true; and a sweep file's index grows
 * by one small entry per configuration, never one entry rewritten with every configuration.
 */
class ChangeStoreTest {

    private static final String MODEL = "gemma3:270m";

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    /** How many {@code change-runs} entries (chunks of a file's points in a configuration) the store has decoded. */
    private final AtomicInteger decodedChunks = new AtomicInteger();
    private final KeyValueStore<String, PointChunk> runs = inMemory(context, "change-runs", countingDecodes(new PointChunkCodec().serde(), decodedChunks));
    private final KeyValueStore<String, ChangeFile> files = inMemory(context, "change-files", new ChangeFileCodec().serde());
    private final KeyValueStore<String, ConfigChunk> fileConfigs = inMemory(context, "change-file-configs", new ConfigChunkCodec().storeSerde());
    private final KeyValueStore<String, ConfigStates> series = inMemory(context, "change-series", new ConfigStatesCodec().serde());
    private final KeyValueStore<String, Long> due = inMemory(context, "change-due", Serdes.Long());
    private final ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);

    @Test
    void droppingAFileReadsItsOwnPointsOnlyInEveryConfigurationItHasPointsIn() {
        // 3 points of the replaced file in two configurations, among 200 points of other files (rows
        // 1, 5, 9 of each in config-1, rows 3, 7 in config-3).
        for (int file = 0; file < 20; file++) {
            for (int row = 0; row < 10; row++) {
                add("config-" + (row % 4), "file-" + file, row);
            }
        }
        add("config-1", "replaced", 0);
        add("config-1", "replaced", 1);
        add("config-3", "replaced", 2);
        store.evaluated(MODEL, "config-0");
        store.evaluated(MODEL, "config-1");
        store.evaluated(MODEL, "config-2");
        store.evaluated(MODEL, "config-3");
        // Dropped by a restarted task, which holds nothing in memory: what it reads is the store's.
        ChangeStore restarted = new ChangeStore(runs, files, fileConfigs, series, due);
        decodedChunks.set(0);

        List<String> touched = restarted.dropFile(MODEL, "replaced", 2_000L);

        assertThat(touched).containsExactly("config-1", "config-3");
        // The file's points are one chunk in each of its two configurations, each decoded once by its scan
        // and deleted without being read again; none of the other 20 files' 40 chunks. A scan of the
        // model's history would decode 42.
        assertThat(decodedChunks).as("chunks decoded to drop the file").hasValue(2);
        assertThat(restarted.dueConfigs(MODEL)).containsExactly("config-1", "config-3");
        assertThat(restarted.runs(MODEL, "config-1")).extracting(ChangeStore.StoredRun::fileId).doesNotContain("replaced")
                .hasSize(20 * 3);
        assertThat(restarted.runs(MODEL, "config-3")).hasSize(20 * 2);
        assertThat(restarted.file(MODEL, "replaced")).isNull();
        assertThat(restarted.file(MODEL, "file-0")).isNotNull();
    }

    @Test
    void aFileEntryNamesEachConfigurationItHasPointsInOnce() {
        add("config-a", "f", 0);
        add("config-b", "f", 1);
        add("config-a", "f", 2);

        ChangeFile entry = store.file(MODEL, "f");

        assertThat(store.fileConfigs(MODEL, "f")).containsExactly("config-a", "config-b");
        assertThat(entry.sha256()).isEqualTo("sha-f");
        assertThat(entry.path()).isEqualTo("results/f.csv");
    }

    @Test
    void aSweepFilesIndexIsChunksOfBoundedSize() {
        // A list of configurations in the file's own entry grew with each one and was rewritten whole:
        // 20,000 configurations of one file wrote gigabytes of changelog (BoundedRecordsTest ran out of heap).
        for (int i = 0; i < 500; i++) {
            add("config-" + i, "sweep", i);
            add("config-" + i, "sweep", 1_000 + i);
        }

        assertThat(fileConfigs.approximateNumEntries()).as("500 configurations in chunks of 64").isEqualTo(8);
        List<Integer> chunkSizes = new ArrayList<>();
        try (KeyValueIterator<String, ConfigChunk> all = fileConfigs.all()) {
            all.forEachRemaining(entry -> chunkSizes.add(entry.value.configs().size()));
        }
        assertThat(chunkSizes).containsExactly(64, 64, 64, 64, 64, 64, 64, 52);
        assertThat(store.fileConfigs(MODEL, "sweep")).hasSize(500).startsWith("config-0", "config-1").endsWith("config-499");
        assertThat(files.approximateNumEntries()).as("no file entry of its own: its fields are in its first chunk").isZero();
        List<ChangeFile> fields = new ArrayList<>();
        try (KeyValueIterator<String, ConfigChunk> all = fileConfigs.all()) {
            all.forEachRemaining(entry -> fields.add(entry.value.file()));
        }
        assertThat(fields).as("the file's fields in its first chunk alone")
                .containsExactly(new ChangeFile("sha-sweep", "results/sweep.csv"), null, null, null, null, null, null, null);
        assertThat(store.file(MODEL, "sweep")).isEqualTo(new ChangeFile("sha-sweep", "results/sweep.csv"));
        assertThat(store.dropFile(MODEL, "sweep", 5_000L)).hasSize(500);
        assertThat(fileConfigs.approximateNumEntries()).isZero();
        assertThat(store.file(MODEL, "sweep")).isNull();
    }

    @Test
    void aFileWhoseLastPointsTheBoundDroppedLeavesTheIndex() {
        add("config-a", "old", 0);
        add("config-b", "old", 1);
        add("config-a", "new", 2);
        store.trimmed(MODEL, "config-a", List.of(place("old", 0)));
        store.filesLeft(MODEL, "config-a", List.of("old"));

        assertThat(store.fileConfigs(MODEL, "old")).containsExactly("config-b");
        assertThat(store.runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::fileId).containsExactly("new");

        store.trimmed(MODEL, "config-b", List.of(place("old", 1)));
        store.filesLeft(MODEL, "config-b", List.of("old"));

        assertThat(store.file(MODEL, "old")).isNull();
        assertThat(store.dropFile(MODEL, "old", 3_000L)).isEmpty();
    }

    @Test
    void droppingAFileNeverHeldChangesNothing() {
        add("config-a", "f", 0);

        assertThat(store.dropFile(MODEL, "other", 1_000L)).isEmpty();
        assertThat(store.runs(MODEL, "config-a")).hasSize(1);
    }

    @Test
    void aConfigurationsRunAfterItsEvaluationMarksItDueAgainAndCountsItsPointsAfresh() {
        // Runs of one configuration and file in a row (each takes the last run's keys), its evaluation between them.
        add("config-a", "f", 0);
        add("config-a", "f", 1);
        store.evaluated(MODEL, "config-a");
        store.modelEvaluated(MODEL);
        assertThat(store.dueConfigs(MODEL)).isEmpty();

        add("config-a", "f", 2);

        assertThat(store.dueConfigs(MODEL)).containsExactly("config-a");
        assertThat(store.runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId)
                .containsExactlyInAnyOrder(runId("f", 0), runId("f", 1), runId("f", 2));
        for (int row = 3; row < ChangeStore.POINTS_PER_EVALUATION + 1; row++) {
            add("config-a", "f", row);
        }
        assertThat(store.evaluationOverdue(MODEL)).as("32,768 points since its evaluation, not the 2 before it").isFalse();
        add("config-a", "f", ChangeStore.POINTS_PER_EVALUATION + 1);
        assertThat(store.evaluationOverdue(MODEL)).isTrue();
    }

    @Test
    void aSeriesForgottenByAnEvaluationGetsAFirstStateAgainFromTheNextRunOfItsConfiguration() {
        add("config-a", "f", 0);
        SeriesId ttft = new SeriesId(MODEL, "config-a", RunPoint.METRICS.get(0));
        SeriesState first = store.state(ttft);
        assertThat(first).isNotNull();

        // An evaluation that found no point of the metric forgets its series, while the configuration is still due.
        store.evaluated(ttft, first, true);
        assertThat(store.state(ttft)).isNull();
        int newSeries = store.add(MODEL, "config-a", Map.of("k", "config-a"), "f", "sha-f", "results/f.csv",
                runId("f", 1), new RunPoint(1, 1_000L, 1_000L, 50.0, new double[] {100.0, 60.0}), 1_000L);

        assertThat(newSeries).as("the forgotten series alone: the other metric's still holds its state").isEqualTo(1);
        assertThat(store.state(ttft)).isNotNull();
    }

    @Test
    void aRunCountsTheSeriesItGivesAFirstState() {
        RunPoint tokensOnly = new RunPoint(0, 0L, 0L, 50.0, new double[] {Double.NaN, 60.0});
        RunPoint both = new RunPoint(1, 1_000L, 1_000L, 50.0, new double[] {100.0, 60.0});

        assertThat(store.add(MODEL, "config-a", Map.of("k", "config-a"), "f", "sha-f", "results/f.csv", runId("f", 0),
                tokensOnly, 1_000L)).as("a new configuration's first run: one series per metric it has").isEqualTo(1);
        assertThat(store.add(MODEL, "config-a", Map.of("k", "config-a"), "f", "sha-f", "results/f.csv", runId("f", 1),
                both, 1_000L)).as("its first value of the other metric").isEqualTo(1);
        assertThat(store.add(MODEL, "config-a", Map.of("k", "config-a"), "f", "sha-f", "results/f.csv", runId("f", 2),
                both, 1_000L)).as("both series hold a state").isZero();
        assertThat(store.add(MODEL, "config-b", Map.of("k", "config-b"), "f", "sha-f", "results/f.csv", runId("f", 3),
                both, 1_000L)).isEqualTo(2);
        assertThat(store.watched(MODEL).count()).isEqualTo(4);
    }

    @Test
    void runsOfInterleavedFilesKeepTheirOwnModelConfigurationAndFile() {
        // Three files' runs one by one, as parallel readers send them: "f" in two models under the same file id,
        // its runs in MODEL alternating between two configurations. Each run takes its file's last keys only
        // where its model, configuration and file are theirs.
        for (int row = 0; row < 6; row++) {
            add("config-" + row % 2, "f", row);
            store.add("other-model", "config-0", Map.of("k", "config-0"), "f", "sha-f", "results/f.csv", runId("f", row),
                    new RunPoint(row, 1_000L * row, 1_000L * row, 50.0, new double[] {100.0, 60.0}), 1_000L);
            add("config-0", "g", row);
        }
        // Read back by a restarted task, which holds nothing in memory: what the runs wrote.
        ChangeStore restarted = new ChangeStore(runs, files, fileConfigs, series, due);

        assertThat(restarted.runs(MODEL, "config-0")).extracting(ChangeStore.StoredRun::runId).containsExactlyInAnyOrder(
                runId("f", 0), runId("f", 2), runId("f", 4),
                runId("g", 0), runId("g", 1), runId("g", 2), runId("g", 3), runId("g", 4), runId("g", 5));
        assertThat(restarted.runs(MODEL, "config-1")).extracting(ChangeStore.StoredRun::runId)
                .containsExactlyInAnyOrder(runId("f", 1), runId("f", 3), runId("f", 5));
        assertThat(restarted.runs("other-model", "config-0")).extracting(ChangeStore.StoredRun::fileId).hasSize(6)
                .containsOnly("f");
        assertThat(restarted.fileConfigs(MODEL, "f")).containsExactly("config-0", "config-1");
        assertThat(restarted.fileConfigs("other-model", "f")).containsExactly("config-0");
        assertThat(restarted.fileConfigs(MODEL, "g")).containsExactly("config-0");
        assertThat(restarted.dueConfigs("other-model")).containsExactly("config-0");
    }

    private void add(String configKey, String fileId, int row) {
        store.add(MODEL, configKey, Map.of("k", configKey), fileId, "sha-" + fileId, "results/" + fileId + ".csv",
                runId(fileId, row), new RunPoint(row, 1_000L * row, 1_000L * row, 50.0, new double[] {100.0, 60.0}),
                1_000L);
    }
}
