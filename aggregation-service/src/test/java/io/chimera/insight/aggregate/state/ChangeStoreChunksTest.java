package io.chimera.insight.aggregate.state;

import static io.chimera.insight.aggregate.state.ChangePoints.place;
import static io.chimera.insight.aggregate.state.ChangePoints.runId;
import static io.chimera.insight.aggregate.state.TestStores.inMemory;
import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.aggregate.statistics.SeriesPoint;
import io.chimera.insight.aggregate.statistics.SeriesState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The run points of a file in a configuration are chunks of at most {@link PointChunk#CAPACITY}: a
 * run adds to its file's last chunk, the store written behind encodes a chunk once per commit however
 * many runs changed it, the history bound's drops leave their chunks (an emptied chunk is deleted),
 * and the earlier layout (one entry per run, format 1) is read and rewritten into chunks.
 */
class ChangeStoreChunksTest {

    private static final String MODEL = "gemma3:270m";
    private static final PointChunkCodec CHUNKS = new PointChunkCodec();
    private static final RunPointCodec EARLIER = new RunPointCodec();
    private static final ConfigChunkCodec INDEX = new ConfigChunkCodec();

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    /** Chunks encoded for the store beneath the write-behind layer: what reaches RocksDB and the changelog. */
    private final AtomicInteger encoded = new AtomicInteger();
    /** Chunks decoded from the store beneath: what a read of a file's chunks costs. */
    private final AtomicInteger decoded = new AtomicInteger();
    /** Of them, chunks of the files named "big…". */
    private final AtomicInteger decodedOfBig = new AtomicInteger();
    /** The store beneath: writes a point of the earlier layout (a chunk of one point under no run id) as format 1. */
    private final KeyValueStore<String, PointChunk> beneath = inMemory(context, "change-runs", Serdes.serdeFrom(
            (topic, chunk) -> {
                if (chunk == null) {
                    return null;
                }
                encoded.incrementAndGet();
                RunPoint earlier = chunk.byRun().get(PointChunk.ID_IN_KEY);
                return earlier != null ? EARLIER.encode(earlier) : CHUNKS.encode(chunk);
            },
            (topic, bytes) -> {
                decoded.incrementAndGet();
                PointChunk chunk = CHUNKS.decode(bytes);
                if (chunk.byRun().keySet().stream().anyMatch(run -> run.startsWith("big"))) {
                    decodedOfBig.incrementAndGet();
                }
                return chunk;
            }));
    private final WriteBehindStore<PointChunk> runs = new WriteBehindStore<>(beneath);
    private final KeyValueStore<String, ChangeFile> files = inMemory(context, "change-files", new ChangeFileCodec().serde());
    /** Index entries to write as the earlier index did (a config key's bare UTF-8 under (model, file, config key)). */
    private final Set<ConfigChunk> earlierIndex = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Index chunks encoded for the store beneath the write-behind layer. */
    private final AtomicInteger encodedIndex = new AtomicInteger();
    private final KeyValueStore<String, ConfigChunk> indexBeneath = inMemory(context, "change-file-configs", Serdes.serdeFrom(
            (topic, chunk) -> {
                if (chunk == null) {
                    return null;
                }
                if (earlierIndex.contains(chunk)) {
                    return chunk.configs().iterator().next().getBytes(StandardCharsets.UTF_8);
                }
                encodedIndex.incrementAndGet();
                return INDEX.encode(chunk);
            },
            INDEX.storeSerde().deserializer()));
    private final WriteBehindStore<ConfigChunk> fileConfigs = new WriteBehindStore<>(indexBeneath);
    private final KeyValueStore<String, ConfigStates> series = inMemory(context, "change-series", new ConfigStatesCodec().serde());
    private final KeyValueStore<String, Long> due = inMemory(context, "change-due", Serdes.Long());
    private final ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);

    @Test
    void aFilesRunsFillChunksOfBoundedSizeAndACommitEncodesOnlyTheChunksItChanged() {
        for (int row = 0; row < 70; row++) {
            add(store, "config-a", "big", row);
        }

        assertThat(encoded).as("nothing encoded before the commit").hasValue(0);
        runs.flushCache();
        assertThat(encoded).as("70 runs, one commit: 3 chunks encoded").hasValue(3);
        assertThat(chunkSizes()).containsExactly(32, 32, 6);

        encoded.set(0);
        add(store, "config-a", "big", 70);
        add(store, "config-a", "big", 71);
        runs.flushCache();
        assertThat(encoded).as("2 runs added to the last chunk: it alone is encoded").hasValue(1);
        assertThat(chunkSizes()).containsExactly(32, 32, 8);
        assertThat(afresh().runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 72).mapToObj(row -> runId("big", row)).toList());
    }

    @Test
    void aRunAddedAgainReplacesItsPointInItsOwnChunk() {
        for (int row = 0; row < 40; row++) {
            add(store, "config-a", "f", row);
        }
        store.add(MODEL, "config-a", Map.of("k", "config-a"), "f", "sha-f", "results/f.csv", runId("f", 3),
                point(3, 250.0), 1_000L);

        assertThat(chunkSizes()).containsExactly(32, 8);
        assertThat(afresh().runs(MODEL, "config-a")).hasSize(40)
                .filteredOn(run -> run.runId().equals(runId("f", 3)))
                .extracting(run -> run.point().value(0)).containsExactly(250.0);
    }

    @Test
    void theBoundsDropsLeaveTheirChunksAndAnEmptiedChunkIsDeleted() {
        for (int row = 0; row < 40; row++) {
            add(store, "config-a", "f", row);
        }
        runs.flushCache();

        store.trimmed(MODEL, "config-a", places("f", 0, 32));
        assertThat(chunkSizes()).as("the first chunk emptied").containsExactly(8);

        store.trimmed(MODEL, "config-a", places("f", 32, 35));
        assertThat(chunkSizes()).containsExactly(5);
        // A restarted task (nothing held) drops from the chunk it reads.
        ChangeStore restarted = afresh();
        restarted.trimmed(MODEL, "config-a", places("f", 35, 37));
        assertThat(chunkSizes()).containsExactly(3);
        assertThat(afresh().runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId)
                .containsExactlyInAnyOrder(runId("f", 37), runId("f", 38), runId("f", 39));
    }

    /**
     * Twenty large files written in turn, past the chunks' budget together: each is held by its last
     * chunk alone once it has more than {@link ChangeStore#FILE_POINTS_HELD_WHOLE} points, so no run
     * reads a file's chunks again. Each was read whole at every run before (the LRU of whole files
     * thrashed), which made a large file's aggregation quadratic (`chimera bench rss`); so it was again
     * with tails that kept the chunks they filled (20 of about 1,950 points each, past the budget).
     */
    @Test
    void largeFilesWrittenInTurnAreHeldByTheirLastChunkAndNoRunReadsTheirChunksAgain() {
        int files = 20;
        int rows = 4_000; // 80,000 points: past CHUNKED_POINTS_HELD together
        for (int row = 0; row < rows; row++) {
            for (int file = 0; file < files; file++) {
                add(store, "config-a", "f" + file, row);
            }
            if (row % 500 == 0) {
                runs.flushCache(); // a commit: what is read afterwards is decoded from beneath
            }
        }

        assertThat(decoded).as("chunks read back while the files were written").hasValue(0);
        assertThat(chunkSizes()).as("each file's chunks, all full")
                .hasSize(files * ((rows + PointChunk.CAPACITY - 1) / PointChunk.CAPACITY));
        assertThat(afresh().runs(MODEL, "config-a")).hasSize(files * rows);
    }

    /**
     * Two large files written while two hundred smaller ones, held whole and over the budget together,
     * keep evicting what is held, the large files' tails among it: an evicted tail is read again by its
     * last chunk alone, so the large files' chunks are read at most once per run of theirs, not whole
     * (a whole read of one of them is up to 200 chunks here, at each of their 400 evictions).
     */
    @Test
    void anEvictedTailIsReadAgainByItsLastChunkAlone() {
        int rows = 200;
        int smallFiles = 200;
        int bigRuns = 0;
        for (int row = 0; row < rows; row++) {
            for (int file = 0; file < smallFiles; file++) {
                add(store, "config-a", "s" + file, row); // 200 files of 200 points: 40,000, past the budget
            }
            // After a round of the small files, the large files' tails are the least recently used.
            for (int run = 0; run < PointChunk.CAPACITY; run++) {
                for (String big : List.of("big0", "big1")) {
                    add(store, "config-a", big, bigRuns / 2);
                    bigRuns++;
                }
            }
            runs.flushCache(); // a commit: what is read afterwards is decoded from beneath
        }

        assertThat(decodedOfBig.get()).as("chunks of the large files read back").isLessThanOrEqualTo(bigRuns);
        assertThat(afresh().runs(MODEL, "config-a")).hasSize(rows * smallFiles + bigRuns);
    }

    /**
     * A model is overdue for its evaluation once one configuration took {@link ChangeStore#POINTS_PER_EVALUATION}
     * points since its own: a sweep of many configurations with a few points each, more points in all, is not
     * (its evaluation reads one configuration at a time); the evaluation ends it.
     */
    @Test
    void aModelIsOverdueOnceOneConfigurationTookTheBoundNotOnceItsConfigurationsTookItTogether() {
        int configs = ChangeStore.POINTS_PER_EVALUATION / 3 + 1;
        for (int config = 0; config < configs; config++) {
            for (int row = 0; row < 3; row++) {
                add(store, "sweep-" + config, "sweep", config * 3 + row);
            }
        }
        assertThat(store.evaluationOverdue(MODEL)).as("a sweep of %d configurations", configs).isFalse();

        for (int row = 0; row < ChangeStore.POINTS_PER_EVALUATION; row++) {
            add(store, "config-a", "large", row);
        }
        assertThat(store.evaluationOverdue(MODEL)).isTrue();

        store.dueConfigs(MODEL).forEach(configKey -> store.evaluated(MODEL, configKey));
        store.modelEvaluated(MODEL);
        assertThat(store.evaluationOverdue(MODEL)).isFalse();
        add(store, "config-a", "large", ChangeStore.POINTS_PER_EVALUATION);
        assertThat(store.evaluationOverdue(MODEL)).as("counted again from its evaluation").isFalse();
    }

    /**
     * A run id a large file already holds in an earlier chunk, added to its last chunk (held alone): the
     * next read of the file's chunks keeps the later point alone and writes the earlier chunk again
     * without it, so the history bound's drops and a replaced file find the run once.
     */
    @Test
    void aRunAddedAgainToALargeFilesLastChunkIsKeptOnceByTheNextWholeRead() {
        int rows = ChangeStore.FILE_POINTS_HELD_WHOLE + 100;
        for (int row = 0; row < rows; row++) {
            add(store, "config-a", "f", row);
        }
        store.add(MODEL, "config-a", Map.of("k", "config-a"), "f", "sha-f", "results/f.csv", runId("f", 3),
                point(3, 250.0), 1_000L);
        runs.flushCache();

        store.trimmed(MODEL, "config-a", places("f", 0, 1)); // reads the file's every chunk

        assertThat(chunkSizes().stream().mapToInt(Integer::intValue).sum()).as("one point per run left").isEqualTo(rows - 1);
        assertThat(afresh().runs(MODEL, "config-a")).hasSize(rows - 1)
                .filteredOn(run -> run.runId().equals(runId("f", 3)))
                .extracting(run -> run.point().value(0)).containsExactly(250.0);
        store.trimmed(MODEL, "config-a", places("f", 3, 4));
        assertThat(afresh().runs(MODEL, "config-a")).as("dropped by the bound, no copy left behind")
                .extracting(ChangeStore.StoredRun::runId).doesNotContain(runId("f", 3)).hasSize(rows - 2);
    }

    @Test
    void theEarlierOneEntryPerRunLayoutIsReadAndRewrittenIntoChunksWhenItsFileIsWrittenAgain() {
        // As the earlier code left them: a file entry, an index entry, a point per run under its run's key (format 1).
        writeEarlier("config-a", "f", 0, 3);
        writeEarlier("config-a", "g", 0, 2);
        writeEarlier("config-b", "f", 3, 5);
        runs.flushCache();

        ChangeStore upgraded = afresh();
        assertThat(upgraded.runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId).containsExactlyInAnyOrder(
                runId("f", 0), runId("f", 1), runId("f", 2), runId("g", 0), runId("g", 1));

        // A new run of f in config-a: its earlier entries there become its chunk with it, and leave; so do
        // its earlier index entries, one per configuration, which become one index chunk naming both.
        add(upgraded, "config-a", "f", 9);
        runs.flushCache();
        fileConfigs.flushCache();
        assertThat(index()).containsOnlyKeys(StateKeys.file(MODEL, "f") + "\u0000\u000000000000",
                        StateKeys.file(MODEL, "g") + "\u0000config-a")
                .containsEntry(StateKeys.file(MODEL, "f") + "\u0000\u000000000000", List.of("config-a", "config-b"));
        assertThat(keys()).filteredOn(key -> key.contains("\u0000f\u0000")).filteredOn(key -> key.contains("config-a"))
                .singleElement().satisfies(key -> assertThat(key).endsWith("\u0000\u000000000000"));
        assertThat(afresh().runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId).containsExactlyInAnyOrder(
                runId("f", 0), runId("f", 1), runId("f", 2), runId("f", 9), runId("g", 0), runId("g", 1));

        // The bound drops an earlier point never rewritten; a replaced file's earlier entries leave with it.
        ChangeStore restarted = afresh();
        restarted.runs(MODEL, "config-a");
        restarted.trimmed(MODEL, "config-a", List.of(place("g", 0)));
        assertThat(restarted.dropFile(MODEL, "f", 2_000L)).containsExactly("config-a", "config-b");
        runs.flushCache();
        assertThat(afresh().runs(MODEL, "config-a")).extracting(ChangeStore.StoredRun::runId).containsExactly(runId("g", 1));
        assertThat(afresh().runs(MODEL, "config-b")).isEmpty();
        assertThat(keys()).hasSize(1);
        fileConfigs.flushCache();
        assertThat(index()).as("f's index chunk left with it; g's earlier entry stays until g is met")
                .containsOnlyKeys(StateKeys.file(MODEL, "g") + "\u0000config-a");
        assertThat(afresh().fileConfigs(MODEL, "g")).containsExactly("config-a");
    }

    @Test
    void theConfigurationsAFileMeetsWithinACommitAreOneIndexChunkWrittenOnce() {
        for (int row = 0; row < 9; row++) {
            add(store, "config-" + (row % 3), "f", row);
        }

        assertThat(encodedIndex).as("nothing encoded before the commit").hasValue(0);
        fileConfigs.flushCache();
        assertThat(encodedIndex).as("3 configurations, one commit: 1 chunk encoded").hasValue(1);
        assertThat(index()).containsExactly(Map.entry(StateKeys.file(MODEL, "f") + "\u0000\u000000000000",
                List.of("config-0", "config-1", "config-2")));

        encodedIndex.set(0);
        add(store, "config-0", "f", 9);
        fileConfigs.flushCache();
        assertThat(encodedIndex).as("a run in a configuration the index names writes no index").hasValue(0);
        add(store, "config-3", "f", 10);
        fileConfigs.flushCache();
        assertThat(encodedIndex).as("a new configuration: its chunk encoded again").hasValue(1);
        assertThat(afresh().fileConfigs(MODEL, "f")).containsExactly("config-0", "config-1", "config-2", "config-3");

        // The bound drops f's last point in config-1: its chunk is written without it, once.
        encodedIndex.set(0);
        ChangeStore restarted = afresh();
        restarted.trimmed(MODEL, "config-1", List.of(place("f", 1), place("f", 4), place("f", 7)));
        restarted.filesLeft(MODEL, "config-1", List.of("f"));
        fileConfigs.flushCache();
        assertThat(encodedIndex).hasValue(1);
        assertThat(afresh().fileConfigs(MODEL, "f")).containsExactly("config-0", "config-2", "config-3");
    }

    @Test
    void aFilesFieldsAreInItsFirstIndexChunkNotAnEntryOfTheirOwn() {
        for (int row = 0; row < 6; row++) {
            add(store, "config-" + (row % 2), "f", row);
        }
        fileConfigs.flushCache();

        assertThat(encodedIndex).as("the fields and 2 configurations, one commit: 1 chunk encoded").hasValue(1);
        assertThat(files.approximateNumEntries()).as("no change-files entry written").isZero();
        assertThat(firstChunk("f").file()).isEqualTo(new ChangeFile("sha-f", "results/f.csv"));
        assertThat(afresh().file(MODEL, "f")).isEqualTo(new ChangeFile("sha-f", "results/f.csv"));
    }

    @Test
    void aFileTheEarlierCodeWroteHasItsFieldsMovedIntoItsFirstChunkWhenMet() {
        // As the code before 2026-12-06 left it: the fields in change-files, the index chunk without them.
        files.put(StateKeys.file(MODEL, "g"), new ChangeFile("sha-g", "results/g.csv"));
        indexBeneath.put(StateKeys.pointChunk(StateKeys.file(MODEL, "g") + StateKeys.SEPARATOR, 0),
                new ConfigChunk(Set.of("config-a")));
        ChangeStore restarted = afresh();

        assertThat(restarted.file(MODEL, "g")).isEqualTo(new ChangeFile("sha-g", "results/g.csv"));
        assertThat(restarted.fileConfigs(MODEL, "g")).containsExactly("config-a");
        fileConfigs.flushCache();
        assertThat(files.approximateNumEntries()).as("the earlier entry deleted once moved").isZero();
        assertThat(firstChunk("g")).isEqualTo(new ConfigChunk(Set.of("config-a"), new ChangeFile("sha-g", "results/g.csv")));
        ChangeStore again = afresh();
        assertThat(again.file(MODEL, "g")).isEqualTo(new ChangeFile("sha-g", "results/g.csv"));
        assertThat(again.fileConfigs(MODEL, "g")).containsExactly("config-a");
    }

    @Test
    void aFilesFirstChunkStaysWithItsFieldsWhileALaterChunkNamesAConfiguration() {
        for (int i = 0; i <= ConfigChunk.CAPACITY; i++) {
            add(store, "config-" + i, "f", i);
        }
        // The bound drops f's points in the first chunk's 64 configurations, from a restarted store.
        ChangeStore restarted = afresh();
        for (int i = 0; i < ConfigChunk.CAPACITY; i++) {
            restarted.trimmed(MODEL, "config-" + i, List.of(place("f", i)));
            restarted.filesLeft(MODEL, "config-" + i, List.of("f"));
        }
        fileConfigs.flushCache();

        assertThat(index().values()).as("the first chunk emptied, kept").containsExactly(List.of(), List.of("config-64"));
        assertThat(afresh().file(MODEL, "f")).isEqualTo(new ChangeFile("sha-f", "results/f.csv"));
        assertThat(afresh().fileConfigs(MODEL, "f")).containsExactly("config-64");

        ChangeStore last = afresh();
        last.trimmed(MODEL, "config-64", List.of(place("f", 64)));
        last.filesLeft(MODEL, "config-64", List.of("f"));
        fileConfigs.flushCache();
        assertThat(index()).as("the file left, every chunk of it").isEmpty();
        assertThat(afresh().file(MODEL, "f")).isNull();
    }

    /** The file's first index chunk in the store beneath the write-behind layer. */
    private ConfigChunk firstChunk(String fileId) {
        return indexBeneath.get(StateKeys.pointChunk(StateKeys.file(MODEL, fileId) + StateKeys.SEPARATOR, ConfigChunk.FIRST));
    }

    /** The index store beneath the write-behind layer: key to the configurations its chunk names, in key order. */
    private Map<String, List<String>> index() {
        Map<String, List<String>> index = new LinkedHashMap<>();
        try (KeyValueIterator<String, ConfigChunk> all = indexBeneath.all()) {
            all.forEachRemaining(entry -> index.put(entry.key, List.copyOf(entry.value.configs())));
        }
        return index;
    }

    private void writeEarlier(String configKey, String fileId, int fromRow, int toRow) {
        files.put(StateKeys.file(MODEL, fileId), new ChangeFile("sha-" + fileId, "results/" + fileId + ".csv"));
        ConfigChunk earlier = new ConfigChunk(Set.of(configKey));
        earlierIndex.add(earlier);
        indexBeneath.put(StateKeys.file(MODEL, fileId) + StateKeys.SEPARATOR + configKey, earlier);
        for (int row = fromRow; row < toRow; row++) {
            beneath.put(StateKeys.runPoint(MODEL, configKey, fileId, runId(fileId, row)), PointChunk.earlier(point(row, 100.0)));
        }
    }

    private static List<SeriesPoint> places(String fileId, int fromRow, int toRow) {
        return IntStream.range(fromRow, toRow).mapToObj(row -> place(fileId, row)).toList();
    }

    /** The sizes of the chunks the store beneath holds, in key order. */
    private List<Integer> chunkSizes() {
        runs.flushCache();
        List<Integer> sizes = new ArrayList<>();
        try (KeyValueIterator<String, PointChunk> all = beneath.all()) {
            all.forEachRemaining((KeyValue<String, PointChunk> entry) -> sizes.add(entry.value.size()));
        }
        return sizes;
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, PointChunk> all = beneath.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private ChangeStore afresh() {
        return new ChangeStore(runs, files, fileConfigs, series, due);
    }

    private static RunPoint point(int row, double tokensPerS) {
        return new RunPoint(row, 1_000L * row, 1_000L * row, 50.0, new double[] {tokensPerS, 60.0});
    }

    private static void add(ChangeStore store, String configKey, String fileId, int row) {
        store.add(MODEL, configKey, Map.of("k", configKey), fileId, "sha-" + fileId, "results/" + fileId + ".csv",
                runId(fileId, row), point(row, 100.0), 1_000L);
    }
}
