package io.chimera.insight.aggregate.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.aggregate.statistics.SeriesPoint;
import io.chimera.insight.aggregate.statistics.SeriesState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The change-detection store's file index: a replaced file's points are found through its entry
 * (the configurations it has points in), so dropping it reads its own points and no other point of
 * the model; the history bound's drops keep the entry true.
 */
class ChangeStoreTest {

    private static final String MODEL = "gemma3:270m";

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    /** How many run points the store has decoded: each point a scan reads is decoded once. */
    private final AtomicInteger decodedPoints = new AtomicInteger();
    private final KeyValueStore<String, RunPoint> runs = store("change-runs", counting(new RunPointCodec().serde()));
    private final KeyValueStore<String, ChangeFile> files = store("change-files", new ChangeFileCodec().serde());
    private final KeyValueStore<String, SeriesState> series = store("change-series", new SeriesStateCodec().serde());
    private final KeyValueStore<String, Long> due = store("change-due", Serdes.Long());
    private final ChangeStore store = new ChangeStore(runs, files, series, due);

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
        decodedPoints.set(0);

        List<String> touched = store.dropFile(MODEL, "replaced", 2_000L);

        assertThat(touched).containsExactly("config-1", "config-3");
        // Each of the file's 3 points is decoded twice, by the scan and by the delete (which returns the old
        // value); none of the other 200. A scan of the model's history would decode 203 + 3.
        assertThat(decodedPoints).as("points decoded to drop the file").hasValue(2 * 3);
        assertThat(store.dueConfigs(MODEL)).containsExactly("config-1", "config-3");
        assertThat(store.runs(MODEL, "config-1")).extracting(ChangeStore.StoredRun::fileId).doesNotContain("replaced")
                .hasSize(20 * 3);
        assertThat(store.runs(MODEL, "config-3")).hasSize(20 * 2);
        assertThat(store.file(MODEL, "replaced")).isNull();
        assertThat(store.file(MODEL, "file-0")).isNotNull();
    }

    @Test
    void aFileEntryNamesEachConfigurationItHasPointsInOnce() {
        add("config-a", "f", 0);
        add("config-b", "f", 1);
        add("config-a", "f", 2);

        ChangeFile entry = store.file(MODEL, "f");

        assertThat(entry.configKeys()).containsExactly("config-a", "config-b");
        assertThat(entry.sha256()).isEqualTo("sha-f");
        assertThat(entry.path()).isEqualTo("results/f.csv");
    }

    @Test
    void aFileWhoseLastPointsTheBoundDroppedLeavesTheIndex() {
        add("config-a", "old", 0);
        add("config-b", "old", 1);
        add("config-a", "new", 2);
        store.trimmed(MODEL, "config-a", List.of(place("old", 0)));
        store.filesLeft(MODEL, "config-a", List.of("old"));

        assertThat(store.file(MODEL, "old").configKeys()).containsExactly("config-b");
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

    private void add(String configKey, String fileId, int row) {
        store.add(MODEL, configKey, Map.of("k", configKey), fileId, "sha-" + fileId, "results/" + fileId + ".csv",
                runId(fileId, row), new RunPoint(row, 1_000L * row, 1_000L * row, 50.0, new double[] {100.0, 60.0}),
                1_000L);
    }

    private static String runId(String fileId, int row) {
        return fileId + "#row " + row;
    }

    private static SeriesPoint place(String fileId, int row) {
        return new SeriesPoint(runId(fileId, row), fileId, "sha-" + fileId, "results/" + fileId + ".csv", row, Double.NaN,
                1_000L * row, SeriesPoint.UNKNOWN, 1_000L * row);
    }

    private Serde<RunPoint> counting(Serde<RunPoint> serde) {
        Deserializer<RunPoint> decode = (topic, bytes) -> {
            decodedPoints.incrementAndGet();
            return serde.deserializer().deserialize(topic, bytes);
        };
        return Serdes.serdeFrom(serde.serializer(), decode);
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
