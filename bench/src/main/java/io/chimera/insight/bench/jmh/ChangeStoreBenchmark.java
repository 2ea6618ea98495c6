package io.chimera.insight.bench.jmh;

import io.chimera.insight.aggregate.state.ChangeStore;
import io.chimera.insight.aggregate.state.ConfigChunk;
import io.chimera.insight.aggregate.state.ConfigChunkCodec;
import io.chimera.insight.aggregate.state.PointChunk;
import io.chimera.insight.aggregate.state.PointChunkCodec;
import io.chimera.insight.aggregate.state.WriteBehindStore;
import io.chimera.insight.aggregate.statistics.ConfigKeys;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.Metric;
import io.chimera.insight.events.RecordKind;
import io.chimera.insight.ingest.IngestedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serde;
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
 * Change detection's work per run ({@link ChangeStore#add}, what {@code ChangeTracker.runAdded} does
 * after building the run's point): the memories' lookups and the stores' puts, with {@code change-runs}
 * and {@code change-file-configs} written behind over Streams' in-memory stores (their chunks encoded at
 * each commit, every 100 runs here) and the other change stores plain maps. Runs of the mixed corpus,
 * either file by file as the corpus holds them or with 8 files' runs interleaved one by one (ingest's
 * parallel readers share a partition). No changelog and no RocksDB: the commit's sends are not here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChangeStoreBenchmark extends CpuTimedBenchmark {

    static final int RUNS = 2_000;
    /** Runs between two commits. */
    static final int COMMIT_EVERY = 100;
    /** Files whose runs are interleaved one by one when {@link #interleaved}. */
    static final int INTERLEAVED_FILES = 8;

    @Param({"false", "true"})
    public boolean interleaved;

    private final List<BenchmarkRun> runs = new ArrayList<>();
    private final List<RunPoint> points = new ArrayList<>();
    /** Each run's config key, a string of its own as the processor builds one per run. */
    private final List<String> configKeys = new ArrayList<>();
    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        cpu = new IterationCpu("ChangeStoreBenchmark " + (interleaved ? "interleaved" : "file by file") + ", per run", RUNS);
        List<List<BenchmarkRun>> files = new ArrayList<>();
        for (IngestedFile read : IngestedCorpus.mixed(400, 20)) {
            List<BenchmarkRun> points = read.runs().stream()
                    .filter(run -> run.getOk() && run.getKind() == RecordKind.RUN && point(run, 0).hasAnyValue()).toList();
            if (!points.isEmpty()) {
                files.add(points);
            }
        }
        List<BenchmarkRun> ordered = new ArrayList<>();
        int group = interleaved ? INTERLEAVED_FILES : 1;
        for (int first = 0; first < files.size(); first += group) {
            List<List<BenchmarkRun>> together = files.subList(first, Math.min(files.size(), first + group));
            int longest = together.stream().mapToInt(List::size).max().orElse(0);
            for (int row = 0; row < longest; row++) {
                for (List<BenchmarkRun> file : together) {
                    if (file.size() > row) {
                        ordered.add(file.get(row));
                    }
                }
            }
        }
        for (BenchmarkRun run : ordered.subList(0, Math.min(RUNS, ordered.size()))) {
            runs.add(run);
            points.add(point(run, runs.size()));
            configKeys.add(ConfigKeys.of(run.getConfig()));
        }
        if (runs.size() < RUNS) {
            throw new IllegalStateException("The corpus has " + runs.size() + " runs with a point, fewer than " + RUNS);
        }
    }

    /** The run's point, as {@code ChangeTracker.runAdded} builds it (its load left out: not what is measured). */
    private static RunPoint point(BenchmarkRun run, long offset) {
        double[] values = new double[RunPoint.METRICS.size()];
        for (int i = 0; i < values.length; i++) {
            Metric value = run.getMetrics().get(RunPoint.METRICS.get(i));
            values[i] = value == null || !Double.isFinite(value.getValue()) ? Double.NaN : value.getValue();
        }
        return new RunPoint(offset, run.getIngestedAt().toEpochMilli(), run.getIngestedAt().toEpochMilli(), Double.NaN, values);
    }

    @Benchmark
    @OperationsPerInvocation(RUNS)
    public ChangeStore addRuns() {
        KeyValueStore<String, PointChunk> chunks = writtenBehind("change-runs", new PointChunkCodec().serde());
        KeyValueStore<String, ConfigChunk> index = writtenBehind("change-file-configs", new ConfigChunkCodec().storeSerde());
        ChangeStore store = new ChangeStore(chunks, new MapStore<>(), index, new MapStore<>(), new MapStore<>());
        cpu.begin();
        for (int i = 0; i < RUNS; i++) {
            BenchmarkRun run = runs.get(i);
            // A copy, as each record's decode makes its own config key: the store hashes and compares it afresh.
            String configKey = new String(configKeys.get(i));
            store.add(run.getModel(), configKey, run.getConfig(), run.getFileId(), run.getFileSha256(), run.getPath(),
                    run.getRunId(), points.get(i), 1_000L);
            if (i % COMMIT_EVERY == COMMIT_EVERY - 1) {
                chunks.flush();
                index.flush();
            }
        }
        cpu.end();
        return store;
    }

    private <V> KeyValueStore<String, V> writtenBehind(String name, Serde<V> serde) {
        KeyValueStore<String, V> behind = new WriteBehindStore<>(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(name), Serdes.String(), serde).withLoggingDisabled().build());
        behind.init(context.getStateStoreContext(), behind);
        return behind;
    }
}
