package io.chimera.insight.bench.jmh;

import io.chimera.insight.aggregate.state.AggregateStore;
import io.chimera.insight.ingest.IngestedFile;
import io.chimera.insight.aggregate.statistics.ColdStartRule;
import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.ConfigKeys;
import io.chimera.insight.aggregate.statistics.FileVersion;
import io.chimera.insight.aggregate.statistics.ModelMetricsAssembler;
import io.chimera.insight.aggregate.statistics.RunningAggregates;
import io.chimera.insight.aggregate.statistics.RunningModel;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.topics.ConfigFingerprint;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import io.chimera.insight.schemas.serde.AvroBodyEncoder;
import io.chimera.insight.schemas.serde.AvroSerde;
import io.chimera.insight.schemas.serde.AvroSerializer;
import io.chimera.insight.schemas.serde.Encoded;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * One emission of a busy model, as the aggregation makes it between two debounces: a model of the bench
 * corpus's shape (100 generated files of one model, mixed shapes, ingested and aggregated by the
 * aggregation's own store classes over in-memory maps), emitted once, then one more run in every one of
 * its configurations (the last run of each, held back), then the emission measured: the model record and
 * the changed configurations' snapshots ({@link ModelMetricsAssembler#emission}), each configuration
 * encoded once and fingerprinted, the model record encoded, as {@code AnalysisTrigger} and
 * {@code PublishedConfigs} do (without the stores' writes and the sends). Each measured emission is of a
 * model of its own, built before the shot (an emission changes what the next would cost): a shot is
 * {@value #BATCH} emissions, the score the time of the shot. On a loaded machine the score stretches with
 * whatever share of the cores the benchmark got; so the benchmark also prints the thread CPU time per
 * emission over the measured shots (median of the shots; {@code ThreadMXBean}), which it does not.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 40, batchSize = EmissionBenchmark.BATCH)
@Measurement(iterations = 60, batchSize = EmissionBenchmark.BATCH)
@Fork(1)
public class EmissionBenchmark {

    static final int BATCH = 10;
    private static final String MODEL = "llama3.1:8b";
    private static final String METRICS_TOPIC = "chimera.model-metrics";

    /** A generated file's version and runs, in the file's order. */
    private record File(FileVersion version, String fileId, List<BenchmarkRun> runs) {
    }

    private final List<File> files = new ArrayList<>();
    /** The last run of each configuration, added after the first emission. */
    private final List<File> heldBack = new ArrayList<>();
    private final AvroBodyEncoder<ConfigStats> bodies = AvroBodyEncoder.of(ConfigStats.class);
    private final ConfigFingerprint fingerprints = new ConfigFingerprint();
    private AvroSerializer<ModelMetrics> metricsSerializer;
    private final List<RunningModel> models = new ArrayList<>();
    private int next;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Whether the shot under way is measured (not a warm-up), its thread CPU time so far, and each measured shot's. */
    private boolean measured;
    private long shotCpuNanos;
    private final List<Long> shotsCpuNanos = new ArrayList<>();

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        Map<String, BenchmarkRun> lastOfConfig = new HashMap<>();
        Map<BenchmarkRun, File> fileOf = new HashMap<>();
        for (IngestedFile read : IngestedCorpus.burst(100, MODEL)) {
            List<BenchmarkRun> runs = read.runs();
            if (runs.isEmpty()) {
                continue;
            }
            File file = new File(FileVersion.of(runs.get(0)), runs.get(0).getFileId(), new ArrayList<>(runs));
            files.add(file);
            for (BenchmarkRun run : runs) {
                lastOfConfig.put(ConfigKeys.of(run.getConfig()), run);
                fileOf.put(run, file);
            }
        }
        for (BenchmarkRun run : lastOfConfig.values()) {
            File file = fileOf.get(run);
            file.runs().remove(run);
            heldBack.add(new File(file.version(), file.fileId(), List.of(run)));
        }
        metricsSerializer = AvroSerde.forValue(new InMemorySchemaRegistry(), ModelMetrics.class).serializer();
    }

    @Setup(Level.Iteration)
    public void buildModels(IterationParams iteration) {
        measured = iteration.getType() == IterationType.MEASUREMENT;
        shotCpuNanos = 0;
        models.clear();
        next = 0;
        for (int i = 0; i < BATCH; i++) {
            models.add(build());
        }
    }

    /** The model with every run but the held-back ones, emitted once, then the held-back runs added. */
    private RunningModel build() {
        AggregateStore store = new AggregateStore(new MapStore<FileVersion>(), new MapStore<ConfigAggregate>(),
                new RunningAggregates(RunningAggregates.DEFAULT_BUDGET_BYTES));
        for (File file : files) {
            store.holdFirstVersion(MODEL, file.fileId(), file.version());
            for (BenchmarkRun run : file.runs()) {
                store.add(MODEL, file.version(), run);
            }
        }
        RunningModel running = store.running(MODEL);
        ModelMetrics first = ModelMetricsAssembler.assemble(MODEL, running, ColdStartRule.defaults(), 0, 1L);
        for (ConfigStats config : first.getConfigs()) {
            running.published(config, fingerprints.of(bodies.encode(config)));
        }
        running.markPublishedOnce();
        for (File run : heldBack) {
            store.add(MODEL, run.version(), run.runs().get(0));
        }
        if (store.running(MODEL) != running) {
            throw new IllegalStateException("The running model was dropped; the emission would rebuild it");
        }
        return running;
    }

    @TearDown(Level.Iteration)
    public void countShot() {
        if (measured) {
            shotsCpuNanos.add(shotCpuNanos);
        }
    }

    @TearDown(Level.Trial)
    public void printCpu() {
        List<Long> sorted = shotsCpuNanos.stream().sorted().toList();
        if (!sorted.isEmpty()) {
            System.out.printf("%nEmissionBenchmark: thread CPU per emission, median of %d measured shots: %.1f us%n",
                    sorted.size(), sorted.get(sorted.size() / 2) / 1_000.0 / BATCH);
        }
    }

    @Benchmark
    public long emission() {
        long started = THREADS.getCurrentThreadCpuTime();
        long digest = emit(models.get(next++));
        shotCpuNanos += THREADS.getCurrentThreadCpuTime() - started;
        return digest;
    }

    private long emit(RunningModel running) {
        ModelMetricsAssembler.Emission emission = ModelMetricsAssembler.emission(MODEL, running,
                ColdStartRule.defaults(), 0, 2L);
        long digest = 0;
        for (ConfigStats config : emission.unpublished()) {
            Encoded<ConfigStats> encoded = bodies.encode(config);
            long fingerprint = fingerprints.of(encoded);
            running.published(config, fingerprint);
            digest += fingerprint;
        }
        if (emission.unpublished().size() != heldBack.size()) {
            throw new IllegalStateException(emission.unpublished().size() + " configurations changed, not "
                    + heldBack.size());
        }
        return digest + metricsSerializer.serialize(METRICS_TOPIC, emission.metrics()).length;
    }
}
