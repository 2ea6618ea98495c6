package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.state.PendingModel;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.BenchmarkRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

/**
 * The analysis trigger lists the pending models from its own copy of {@code aggregate-pending}, read from the
 * store once: a tick opens no iterator of the store (Kafka Streams registers a metric for a store's oldest open
 * iterator at each first open and removes it at the close), and models that were pending in the store before
 * the processor started (a restart, a revived task) are visited all the same.
 */
class PendingModelsHeldTest {

    private static final AggregationSettings SETTINGS = AggregationSettings.defaults();
    private static final long T0 = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
    private static final List<String> MODELS = List.of("gemma3:270m", "llama3.1:8b", "qwen2.5:7b");

    @Test
    void ticksListThePendingModelsWithoutScanningTheirStore() {
        TaskStores stores = new TaskStores();
        ScanCountingStore<PendingModel> pending = new ScanCountingStore<>(stores.pending);
        stores.context.addStateStore(pending);
        RunAggregationProcessor processor = stores.started(SETTINGS);
        for (int round = 0; round < 5; round++) {
            stores.feed(SETTINGS, processor, runs(round), T0 + round * 50L);
        }
        stores.settle(SETTINGS, T0 + 200);
        for (int round = 5; round < 8; round++) {
            stores.feed(SETTINGS, processor, runs(round), T0 + 10_000 + round * 50L);
        }
        stores.settle(SETTINGS, T0 + 10_400);

        assertThat(requestedModels(stores)).as("one request per model and burst")
                .containsExactlyInAnyOrder(concat(MODELS, MODELS).toArray(String[]::new));
        assertThat(pending.scans).as("scans of aggregate-pending: the trigger's one read at its first use").isEqualTo(1);
    }

    @Test
    void modelsPendingWhenAProcessorStartsAreVisitedByItsTicks() {
        TaskStores stores = new TaskStores();
        RunAggregationProcessor first = stores.started(SETTINGS);
        stores.process(first, runs(0), T0);
        // Closed before any tick, as a task closed dirty or moved: its models are pending in the store only.
        first.close();
        RunAggregationProcessor restarted = stores.started(SETTINGS);
        stores.process(restarted, List.of(run("llama3.1:8b", 1)), T0 + 50);
        stores.settle(SETTINGS, T0 + 50);

        assertThat(requestedModels(stores)).as("every model pending in the store, each once")
                .containsExactlyInAnyOrderElementsOf(MODELS);
        assertThat(stores.pending.approximateNumEntries()).as("nothing left pending").isZero();
    }

    private static List<BenchmarkRun> runs(int round) {
        List<BenchmarkRun> runs = new ArrayList<>();
        for (String model : MODELS) {
            runs.add(run(model, round));
        }
        return runs;
    }

    private static BenchmarkRun run(String model, int round) {
        TestFile file = TestFile.of(model.replace(':', '-') + "-" + round + ".csv", "v1",
                Instant.ofEpochMilli(T0).minus(Duration.ofMinutes(1)));
        return file.run(model, 0, Map.of("num_ctx", "2048"), Map.of("tokens_per_s", 100.0 + round));
    }

    private static List<String> requestedModels(TaskStores stores) {
        List<String> models = new ArrayList<>();
        for (var forward : stores.context.forwarded(AggregationTopology.ANALYSIS_REQUESTS_SINK)) {
            models.add(((AnalysisRequest) forward.record().value()).getModel());
        }
        return models;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    /** A store that counts the scans opened on it (all, range, prefix), registered under the wrapped store's name. */
    private static final class ScanCountingStore<V> extends WrappedStateStore<KeyValueStore<String, V>, String, V>
            implements KeyValueStore<String, V> {

        int scans;

        ScanCountingStore(KeyValueStore<String, V> inner) {
            super(inner);
        }

        @Override
        public void put(String key, V value) {
            wrapped().put(key, value);
        }

        @Override
        public V putIfAbsent(String key, V value) {
            return wrapped().putIfAbsent(key, value);
        }

        @Override
        public void putAll(List<KeyValue<String, V>> entries) {
            wrapped().putAll(entries);
        }

        @Override
        public V delete(String key) {
            return wrapped().delete(key);
        }

        @Override
        public V get(String key) {
            return wrapped().get(key);
        }

        @Override
        public KeyValueIterator<String, V> range(String from, String to) {
            scans++;
            return wrapped().range(from, to);
        }

        @Override
        public KeyValueIterator<String, V> reverseRange(String from, String to) {
            scans++;
            return wrapped().reverseRange(from, to);
        }

        @Override
        public KeyValueIterator<String, V> all() {
            scans++;
            return wrapped().all();
        }

        @Override
        public KeyValueIterator<String, V> reverseAll() {
            scans++;
            return wrapped().reverseAll();
        }

        @Override
        public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
            scans++;
            return wrapped().prefixScan(prefix, prefixKeySerializer);
        }

        @Override
        public long approximateNumEntries() {
            return wrapped().approximateNumEntries();
        }
    }
}
