package io.chimera.insight.aggregate.state;

import static io.chimera.insight.aggregate.state.ChangePoints.place;
import static io.chimera.insight.aggregate.state.ChangePoints.runId;
import static io.chimera.insight.aggregate.state.TestStores.inMemory;
import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import io.chimera.insight.aggregate.statistics.RunPoint;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A run that continues the run before's (configuration, file) pair takes that run's file and chunks
 * without looking them up again ({@code ChangeStore}'s {@code lastKnown} and {@code lastChunks}): what it writes is what a store that
 * looked them up writes, as a store built afresh over the same stores (a restarted task) reads it, when
 * anything but a run came between (a replaced file, the history bound's drops, an evaluation's reads) and
 * when a run of another pair came between.
 */
class ChangeStoreLastPairTest {

    private static final String MODEL = "gemma3:270m";

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final KeyValueStore<String, PointChunk> runs = inMemory(context, "change-runs", new PointChunkCodec().serde());
    private final KeyValueStore<String, ChangeFile> files = inMemory(context, "change-files", new ChangeFileCodec().serde());
    private final KeyValueStore<String, ConfigChunk> fileConfigs = inMemory(context, "change-file-configs", new ConfigChunkCodec().storeSerde());
    private final KeyValueStore<String, ConfigStates> series = inMemory(context, "change-series", new ConfigStatesCodec().serde());
    private final KeyValueStore<String, Long> due = inMemory(context, "change-due", Serdes.Long());

    @Test
    void aRunAfterItsFileWasReplacedWritesItsPointAloneAndIndexesItsConfigurationAgain() {
        ChangeStore store = afresh();
        add(store, "config-a", "file-0", 0);
        add(store, "config-a", "file-0", 1);
        store.dropFile(MODEL, "file-0", 2_000L);
        add(store, "config-a", "file-0", 2);

        ChangeStore restarted = afresh();
        assertThat(restarted.runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId)
                .containsExactly(runId("file-0", 2));
        assertThat(restarted.fileConfigs(MODEL, "file-0")).containsExactly("config-a");
    }

    @Test
    void aRunAfterTheBoundDroppedItsPairsPointsWritesItsPointAloneAndIndexesItsConfigurationAgain() {
        ChangeStore store = afresh();
        add(store, "config-a", "file-0", 0);
        add(store, "config-a", "file-0", 1);
        // What an evaluation does when the bound drops the file's every point of the configuration.
        store.runs(MODEL, "config-a");
        store.trimmed(MODEL, "config-a", List.of(place("file-0", 0), place("file-0", 1)));
        store.filesLeft(MODEL, "config-a", List.of("file-0"));
        add(store, "config-a", "file-0", 2);

        ChangeStore restarted = afresh();
        assertThat(restarted.runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId)
                .containsExactly(runId("file-0", 2));
        assertThat(restarted.fileConfigs(MODEL, "file-0")).containsExactly("config-a");
    }

    /**
     * A pair past {@code FILE_POINTS_HELD_WHOLE} is held by its last chunk; the bound's drops read it whole,
     * a new object: the next run must add to that one, not to the tail the run before left.
     */
    @Test
    void aRunAfterTheBoundReadALongPairWholeKeepsItsDropsDropped() {
        ChangeStore store = afresh();
        int rows = ChangeStore.FILE_POINTS_HELD_WHOLE + 10;
        for (int row = 0; row < rows; row++) {
            add(store, "config-a", "file-0", row);
        }
        // The last point is in the last chunk, which the tail holds.
        store.trimmed(MODEL, "config-a", List.of(place("file-0", 0), place("file-0", rows - 1)));
        add(store, "config-a", "file-0", rows);

        assertThat(afresh().runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId)
                .hasSize(rows - 1)
                .doesNotContain(runId("file-0", 0), runId("file-0", rows - 1))
                .contains(runId("file-0", rows));
    }

    @Test
    void runsOfPairsInterleavedGoEachToTheirOwnPair() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due, 1, 1, 1);
        add(store, "config-a", "file-0", 0);
        add(store, "config-a", "file-1", 1);
        add(store, "config-b", "file-1", 2);
        add(store, "config-a", "file-0", 3);
        add(store, "config-a", "file-0", 4);

        ChangeStore restarted = afresh();
        assertThat(restarted.runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId)
                .containsExactlyInAnyOrder(runId("file-0", 0), runId("file-1", 1), runId("file-0", 3), runId("file-0", 4));
        assertThat(restarted.runs(MODEL, "config-b")).extracting(ChangeStore.StoredRun::runId)
                .containsExactly(runId("file-1", 2));
        assertThat(restarted.fileConfigs(MODEL, "file-1")).containsExactly("config-a", "config-b");
    }

    private ChangeStore afresh() {
        return new ChangeStore(runs, files, fileConfigs, series, due);
    }

    private static void add(ChangeStore store, String configKey, String fileId, int row) {
        store.add(MODEL, configKey, Map.of("k", configKey), fileId, "sha-" + fileId, "results/" + fileId + ".csv",
                runId(fileId, row), new RunPoint(row, 1_000L * row, 1_000L * row, 50.0, new double[] {100.0, 60.0}),
                1_000L);
    }
}
