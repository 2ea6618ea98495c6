package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.state.ChangeFileCodec;
import io.chimera.insight.aggregate.state.ConfigAggregateCodec;
import io.chimera.insight.aggregate.state.ConfigChunk;
import io.chimera.insight.aggregate.state.ConfigChunkCodec;
import io.chimera.insight.aggregate.state.ConfigStates;
import io.chimera.insight.aggregate.state.ConfigStatesCodec;
import io.chimera.insight.aggregate.state.FileVersionCodec;
import io.chimera.insight.aggregate.state.PendingModel;
import io.chimera.insight.aggregate.state.PendingModelCodec;
import io.chimera.insight.aggregate.state.PointChunk;
import io.chimera.insight.aggregate.state.PointChunkCodec;
import io.chimera.insight.aggregate.state.StateCodec;
import io.chimera.insight.aggregate.state.TestStores;
import io.chimera.insight.aggregate.statistics.ChangeFile;
import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.FileVersion;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import io.chimera.insight.schemas.serde.AvroSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One stream task's stores, in memory (the production in-memory store, so keys are ordered as
 * serialised bytes, as in RocksDB), attached to a {@link MockProcessorContext}: for driving the
 * processor or the store classes directly, and for rolling the stores back as an aborted
 * transaction does.
 */
public final class TaskStores {

    final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    public final KeyValueStore<String, FileVersion> versions = store(AggregationTopology.FILE_VERSIONS_STORE, new FileVersionCodec().serde());
    public final KeyValueStore<String, ConfigAggregate> configs = store(AggregationTopology.CONFIG_AGGREGATES_STORE,
            ConfigAggregateCodec.store().serde());
    final KeyValueStore<String, PendingModel> pending = store(AggregationTopology.PENDING_STORE, new PendingModelCodec().serde());
    final KeyValueStore<String, PointChunk> changeRuns = store(AggregationTopology.CHANGE_RUNS_STORE,
            new PointChunkCodec().serde());
    final KeyValueStore<String, ChangeFile> changeFiles = store(AggregationTopology.CHANGE_FILES_STORE,
            new ChangeFileCodec().serde());
    final KeyValueStore<String, ConfigChunk> changeFileConfigs = store(AggregationTopology.CHANGE_FILE_CONFIGS_STORE,
            new ConfigChunkCodec().storeSerde());
    /** Its serde writes a value of the earlier per-series layout as the earlier code did (its upgrade tests put some). */
    final KeyValueStore<String, ConfigStates> changeSeries = store(AggregationTopology.CHANGE_SERIES_STORE,
            TestStores.seriesStatesWritingEarlier());
    final KeyValueStore<String, Long> changeDue = store(AggregationTopology.CHANGE_DUE_STORE, Serdes.Long());
    final KeyValueStore<String, Long> publishedConfigs = store(AggregationTopology.PUBLISHED_CONFIGS_STORE, Serdes.Long());
    final KeyValueStore<String, BenchmarkFile> catalog = store(AggregationTopology.FILE_CATALOG_STORE,
            AvroSerde.forValue(new InMemorySchemaRegistry(), BenchmarkFile.class));

    /** The task's stores as of one moment, for {@link #rollBack}. */
    record Snapshot(List<KeyValue<String, FileVersion>> versions, List<KeyValue<String, ConfigAggregate>> configs,
                    List<KeyValue<String, PendingModel>> pending, List<KeyValue<String, PointChunk>> changeRuns,
                    List<KeyValue<String, ChangeFile>> changeFiles, List<KeyValue<String, ConfigChunk>> changeFileConfigs,
                    List<KeyValue<String, ConfigStates>> changeSeries, List<KeyValue<String, Long>> changeDue,
                    List<KeyValue<String, Long>> publishedConfigs) {
    }

    /** Copies of every entry (values go through their codecs, as a changelog restore would). */
    Snapshot snapshot() {
        return new Snapshot(copy(versions, new FileVersionCodec()), copy(configs, ConfigAggregateCodec.store()),
                copy(pending, new PendingModelCodec()), copy(changeRuns, new PointChunkCodec()),
                copy(changeFiles, new ChangeFileCodec()), copy(changeFileConfigs, new ConfigChunkCodec()),
                copy(changeSeries, new ConfigStatesCodec()), copyAll(changeDue), copyAll(publishedConfigs));
    }

    /** Puts the stores back as they were at {@code snapshot}: what a dirty close and a changelog restore leave. */
    void rollBack(Snapshot snapshot) {
        restore(versions, snapshot.versions());
        restore(configs, snapshot.configs());
        restore(pending, snapshot.pending());
        restore(changeRuns, snapshot.changeRuns());
        restore(changeFiles, snapshot.changeFiles());
        restore(changeFileConfigs, snapshot.changeFileConfigs());
        restore(changeSeries, snapshot.changeSeries());
        restore(changeDue, snapshot.changeDue());
        restore(publishedConfigs, snapshot.publishedConfigs());
    }

    /** The punctuator of {@code interval} from the latest {@code init} (a mock context keeps earlier ones). */
    MockProcessorContext.CapturedPunctuator latestPunctuator(Duration interval) {
        List<MockProcessorContext.CapturedPunctuator> punctuators = context.scheduledPunctuators();
        for (int i = punctuators.size() - 1; i >= 0; i--) {
            if (punctuators.get(i).getInterval().equals(interval)) {
                return punctuators.get(i);
            }
        }
        throw new AssertionError("no punctuator every " + interval + " scheduled");
    }

    /** A processor with {@code settings} initialised on these stores, as Streams starts one for a task. */
    RunAggregationProcessor started(AggregationSettings settings) {
        RunAggregationProcessor processor = new RunAggregationProcessor(settings);
        processor.init(context);
        return processor;
    }

    /** Processes {@code runs} at wall-clock {@code at} (epoch ms), each with that timestamp. */
    void process(RunAggregationProcessor processor, List<BenchmarkRun> runs, long at) {
        context.setCurrentSystemTimeMs(at);
        for (BenchmarkRun run : runs) {
            processor.process(new Record<>(run.getModel(), run, at));
        }
    }

    /** One tick of the latest processor's analysis trigger ({@code settings}' punctuation) at wall-clock {@code at}. */
    void tick(AggregationSettings settings, long at) {
        context.setCurrentSystemTimeMs(at);
        latestPunctuator(settings.punctuateInterval()).getPunctuator().punctuate(at);
    }

    /** Processes {@code runs} at wall-clock {@code at}, then ticks once, a punctuation interval later. */
    void feed(AggregationSettings settings, RunAggregationProcessor processor, List<BenchmarkRun> runs, long at) {
        process(processor, runs, at);
        tick(settings, at + settings.punctuateInterval().toMillis());
    }

    /** Ticks once the debounce has passed since the feed at {@code lastFeedAt}: every model is due. */
    void settle(AggregationSettings settings, long lastFeedAt) {
        tick(settings, lastFeedAt + settings.debounce().plus(settings.punctuateInterval()).toMillis());
    }

    /** The performance-changes records forwarded so far, oldest first. */
    List<PerformanceChange> forwardedChanges() {
        List<PerformanceChange> changes = new ArrayList<>();
        context.forwarded(AggregationTopology.PERFORMANCE_CHANGES_SINK)
                .forEach(forward -> changes.add((PerformanceChange) forward.record().value()));
        return changes;
    }

    /** The model-metrics records forwarded so far, oldest first. */
    List<ModelMetrics> forwardedMetrics() {
        List<ModelMetrics> metrics = new ArrayList<>();
        context.forwarded(AggregationTopology.MODEL_METRICS_SINK)
                .forEach(forward -> metrics.add((ModelMetrics) forward.record().value()));
        return metrics;
    }

    /** The Avro binary encoding: equal bytes, equal records, to the last bit of every double. */
    public static ByteBuffer bytes(ModelMetrics metrics) {
        try {
            return metrics.toByteBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        return TestStores.inMemory(context, name, values);
    }

    private static <V> List<KeyValue<String, V>> copy(KeyValueStore<String, V> store, StateCodec<V> codec) {
        List<KeyValue<String, V>> copies = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(entry -> copies.add(KeyValue.pair(entry.key, codec.decode(codec.encode(entry.value)))));
        }
        return copies;
    }

    private static <V> List<KeyValue<String, V>> copyAll(KeyValueStore<String, V> store) {
        List<KeyValue<String, V>> copies = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(copies::add);
        }
        return copies;
    }

    private static <V> void restore(KeyValueStore<String, V> store, List<KeyValue<String, V>> entries) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
        store.putAll(entries);
    }
}
