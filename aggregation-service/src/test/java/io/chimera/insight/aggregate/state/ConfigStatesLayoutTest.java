package io.chimera.insight.aggregate.state;

import static io.chimera.insight.aggregate.state.ChangePoints.runId;
import static io.chimera.insight.aggregate.state.TestStores.earlier;
import static io.chimera.insight.aggregate.state.TestStores.inMemory;
import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import io.chimera.insight.aggregate.statistics.ChangeSegmentStats;
import io.chimera.insight.aggregate.statistics.EmittedChange;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.aggregate.statistics.SeriesState;
import io.chimera.insight.events.ChangeDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The {@code change-series} layout: one entry per configuration holding its series' states
 * ({@link ConfigStates}), so a new configuration's first run writes one record whatever its metrics; and the
 * earlier layout, one entry per series (the store as the earlier code left it, its very bytes), read beside
 * it and rewritten into the configuration's entry, its earlier entries deleted, at the configuration's next write.
 */
class ConfigStatesLayoutTest {

    private static final String MODEL = "gemma3:270m";
    private static final String TOKENS = RunPoint.METRICS.get(0);
    private static final String TTFT = RunPoint.METRICS.get(1);

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    /** Values the series store has encoded: one per put, as each is one changelog record. */
    private final AtomicInteger encodedStates = new AtomicInteger();
    private final KeyValueStore<String, PointChunk> runs = inMemory(context, "change-runs", new PointChunkCodec().serde());
    private final KeyValueStore<String, ChangeFile> files = inMemory(context, "change-files", new ChangeFileCodec().serde());
    private final KeyValueStore<String, ConfigChunk> fileConfigs = inMemory(context, "change-file-configs", new ConfigChunkCodec().storeSerde());
    private final KeyValueStore<String, ConfigStates> series = inMemory(context, "change-series", countingEncodes(
            TestStores.seriesStatesWritingEarlier(), encodedStates));
    private final KeyValueStore<String, Long> due = inMemory(context, "change-due", Serdes.Long());

    @Test
    void aNewConfigurationsFirstRunWritesOneEntryHoldingEveryMetricsFirstState() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);

        add(store, "config-a", "f", 0, 100.0, 60.0);
        add(store, "config-a", "f", 1, 101.0, 61.0);

        assertThat(encodedStates).as("one record for the configuration's two series").hasValue(1);
        SeriesState first = SeriesState.first(Map.of("k", "config-a"));
        assertStoredAsConfigAsEntryAlone(first, first);
    }

    @Test
    void aMetricMetLaterJoinsItsConfigurationsEntry() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);
        add(store, "config-a", "f", 0, 100.0, Double.NaN);
        store.evaluated(MODEL, "config-a");

        // A restarted task: the configuration's tokens/s state is read from the store, and kept beside the new one.
        ChangeStore restarted = new ChangeStore(runs, files, fileConfigs, series, due);
        add(restarted, "config-a", "f", 1, 100.0, 60.0);

        assertThat(keys()).containsExactly(StateKeys.changeConfig(MODEL, "config-a"));
        assertThat(series.get(StateKeys.changeConfig(MODEL, "config-a")).byMetric()).containsOnlyKeys(TOKENS, TTFT);
    }

    @Test
    void statesOfTheEarlierLayoutAreReadAndRewrittenIntoTheConfigurationsEntryAtItsNextWrite() {
        SeriesState withChange = stateWithChange("config-a");
        SeriesState plain = SeriesState.first(Map.of("k", "config-a"));
        series.put(StateKeys.series(id("config-a", TOKENS)), earlier(withChange));
        series.put(StateKeys.series(id("config-a", TTFT)), earlier(plain));
        due.put(StateKeys.dueModel(MODEL), 1_000L);
        encodedStates.set(0);

        ChangeStore restarted = new ChangeStore(runs, files, fileConfigs, series, due);

        assertThat(restarted.dueConfigs(MODEL)).as("a marked model's configurations, read from its earlier entries")
                .containsExactly("config-a");
        assertThat(restarted.state(id("config-a", TOKENS))).isEqualTo(withChange);
        assertThat(restarted.state(id("config-a", TTFT))).isEqualTo(plain);
        assertThat(ChangeStore.statesOf(series, MODEL)).containsExactly(
                KeyValue.pair(id("config-a", TOKENS), withChange), KeyValue.pair(id("config-a", TTFT), plain));
        assertThat(encodedStates).as("reads write nothing").hasValue(0);

        SeriesState trimmed = withChange.evaluated(5_000L, withChange.emitted(), List.of(), 6_000L);
        restarted.evaluated(id("config-a", TOKENS), trimmed, false);

        assertStoredAsConfigAsEntryAlone(trimmed, plain);
    }

    /**
     * The store holds config-a's one entry and nothing else (no entry of the earlier layout), with these states,
     * and a store started on it reads them back in series order.
     */
    private void assertStoredAsConfigAsEntryAlone(SeriesState tokens, SeriesState ttft) {
        assertThat(keys()).as("the configuration's one entry; no earlier entry of its series")
                .containsExactly(StateKeys.changeConfig(MODEL, "config-a"));
        assertThat(series.get(StateKeys.changeConfig(MODEL, "config-a")).byMetric())
                .containsExactlyInAnyOrderEntriesOf(Map.of(TOKENS, tokens, TTFT, ttft));
        assertThat(new ChangeStore(runs, files, fileConfigs, series, due).states(MODEL))
                .containsExactly(KeyValue.pair(id("config-a", TOKENS), tokens), KeyValue.pair(id("config-a", TTFT), ttft));
    }

    @Test
    void aStoreHoldingBothLayoutsReadsEveryStateInSeriesOrderAndRewritesEachConfigurationWhenWritten() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);
        add(store, "config-b", "f", 0, 100.0, 60.0);
        SeriesState withChange = stateWithChange("config-a");
        SeriesState plainC = SeriesState.first(Map.of("k", "config-c"));
        series.put(StateKeys.series(id("config-a", TOKENS)), earlier(withChange));
        series.put(StateKeys.series(id("config-c", TTFT)), earlier(plainC));
        SeriesState firstB = SeriesState.first(Map.of("k", "config-b"));

        ChangeStore restarted = new ChangeStore(runs, files, fileConfigs, series, due);

        List<KeyValue<SeriesId, SeriesState>> expected = List.of(KeyValue.pair(id("config-a", TOKENS), withChange),
                KeyValue.pair(id("config-b", TOKENS), firstB), KeyValue.pair(id("config-b", TTFT), firstB),
                KeyValue.pair(id("config-c", TTFT), plainC));
        assertThat(restarted.states(MODEL)).containsExactlyElementsOf(expected);
        assertThat(ChangeStore.statesOf(series, MODEL)).containsExactlyElementsOf(expected);
        assertThat(restarted.watched(MODEL).count()).isEqualTo(4);
        assertThat(restarted.watched(MODEL).withChanges()).containsExactly(KeyValue.pair(id("config-a", TOKENS), withChange));

        // The earlier configuration-c's last state forgotten: its earlier entry leaves, and no entry is left for it.
        restarted.evaluated(id("config-c", TTFT), plainC, true);
        // config-a gets a second metric from a run: one entry with both.
        add(restarted, "config-a", "g", 0, 100.0, 60.0);

        assertThat(keys()).containsExactly(StateKeys.changeConfig(MODEL, "config-a"), StateKeys.changeConfig(MODEL, "config-b"));
        assertThat(series.get(StateKeys.changeConfig(MODEL, "config-a")).byMetric())
                .containsExactlyInAnyOrderEntriesOf(Map.of(TOKENS, withChange, TTFT, SeriesState.first(Map.of("k", "config-a"))));
        assertThat(new ChangeStore(runs, files, fileConfigs, series, due).states(MODEL))
                .containsExactlyElementsOf(restarted.states(MODEL));
    }

    /**
     * A configuration with both an entry and earlier entries (which no code writes: its entry is written in the
     * step that deletes them) reads as its entry.
     */
    @Test
    void aConfigurationsEntryWinsOverEarlierEntriesOfItsSeries() {
        ChangeStore store = new ChangeStore(runs, files, fileConfigs, series, due);
        add(store, "config-a", "f", 0, 100.0, 60.0);
        series.put(StateKeys.series(id("config-a", TOKENS)), earlier(stateWithChange("config-a")));
        SeriesState first = SeriesState.first(Map.of("k", "config-a"));

        ChangeStore restarted = new ChangeStore(runs, files, fileConfigs, series, due);

        assertThat(restarted.state(id("config-a", TOKENS))).isEqualTo(first);
        assertThat(restarted.states(MODEL)).containsExactly(KeyValue.pair(id("config-a", TOKENS), first),
                KeyValue.pair(id("config-a", TTFT), first));
    }

    private static SeriesId id(String configKey, String metric) {
        return new SeriesId(MODEL, configKey, metric);
    }

    private static SeriesState stateWithChange(String configKey) {
        EmittedChange change = new EmittedChange("id-b.csv#row 0", "id-b.csv", "results/b.csv", 600_000L, 7L,
                ChangeDirection.REGRESSION, 0L, new ChangeSegmentStats(10, 100, 99, 101),
                new ChangeSegmentStats(10, 80, 79, 81), -0.2, 1e-9, "Student t", 5_000L);
        return SeriesState.first(Map.of("k", configKey)).evaluated(0L, List.of(change), List.of(), 5_000L);
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ConfigStates> all = series.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private static void add(ChangeStore store, String configKey, String fileId, int row, double tokensPerS, double ttftMs) {
        store.add(MODEL, configKey, Map.of("k", configKey), fileId, "sha-" + fileId, "results/" + fileId + ".csv",
                runId(fileId, row), new RunPoint(row, 1_000L * row, 1_000L * row, 50.0, new double[] {tokensPerS, ttftMs}),
                1_000L);
    }

    private static Serde<ConfigStates> countingEncodes(Serde<ConfigStates> serde, AtomicInteger encoded) {
        return Serdes.serdeFrom((topic, value) -> {
            if (value != null) {
                encoded.incrementAndGet();
            }
            return serde.serializer().serialize(topic, value);
        }, serde.deserializer());
    }
}
