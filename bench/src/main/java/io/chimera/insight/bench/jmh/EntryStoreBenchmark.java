package io.chimera.insight.bench.jmh;

import io.chimera.insight.aggregate.state.AggregateStore;
import io.chimera.insight.aggregate.state.ConfigAggregateCodec;
import io.chimera.insight.aggregate.state.WriteBehindStore;
import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.FileVersion;
import io.chimera.insight.aggregate.statistics.RunningAggregates;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.ingest.IngestedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The aggregation's entry writes per run, one commit's worth: {@value #RUNS} runs of the bench's corpus
 * (20 models, the mixed shapes, file by file, as ingest publishes them) added through {@link AggregateStore}
 * to a fresh configuration-entry store, then the flush a commit makes. The entry store is Kafka Streams'
 * own (metered, so every value put is encoded by the store's codec, over the in-memory store), with
 * ({@code writeBehind}) or without the aggregation's {@link WriteBehindStore} outermost; the versions
 * store is a map. Not the record cache: its layer needs a task's context, which a mock cannot give
 * (with it, each put beneath also costs a cache put). What differs between the two is the encodes and
 * puts per run: one per run without, one per entry and commit with. The running model's work is in both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EntryStoreBenchmark {

    static final int RUNS = 2_000;

    @Param({"false", "true"})
    public boolean writeBehind;

    private final List<BenchmarkRun> runs = new ArrayList<>();
    private final List<FileVersion> versions = new ArrayList<>();
    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        for (IngestedFile read : IngestedCorpus.mixed(400, 20)) {
            FileVersion version = FileVersion.of(read.file());
            for (BenchmarkRun run : read.runs()) {
                if (runs.size() < RUNS) {
                    runs.add(run);
                    versions.add(version);
                }
            }
        }
        if (runs.size() < RUNS) {
            throw new IllegalStateException("The corpus has " + runs.size() + " runs, fewer than " + RUNS);
        }
    }

    @Benchmark
    @OperationsPerInvocation(RUNS)
    public KeyValueStore<String, ConfigAggregate> addRunsAndCommit() {
        KeyValueStore<String, ConfigAggregate> streams = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("aggregate-configs"), Serdes.String(), ConfigAggregateCodec.store().serde())
                .withLoggingDisabled().build();
        KeyValueStore<String, ConfigAggregate> configs = writeBehind ? new WriteBehindStore<>(streams) : streams;
        configs.init(context.getStateStoreContext(), configs);
        AggregateStore store = new AggregateStore(new MapStore<>(), configs,
                new RunningAggregates(RunningAggregates.DEFAULT_BUDGET_BYTES));
        String lastFile = null;
        for (int i = 0; i < RUNS; i++) {
            BenchmarkRun run = runs.get(i);
            String model = run.getModel().isEmpty() ? "unknown" : run.getModel();
            if (!(model + "\u0000" + run.getFileId()).equals(lastFile)) {
                lastFile = model + "\u0000" + run.getFileId();
                if (store.version(model, run.getFileId()) == null) {
                    store.holdFirstVersion(model, run.getFileId(), versions.get(i));
                }
            }
            store.add(model, versions.get(i), run);
        }
        // The commit: WriteBehindStore writes its entries back here; without it, this flushes nothing new.
        configs.flush();
        return configs;
    }
}
