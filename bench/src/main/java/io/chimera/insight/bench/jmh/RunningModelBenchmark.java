package io.chimera.insight.bench.jmh;

import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.ConfigKeys;
import io.chimera.insight.aggregate.statistics.EntryKey;
import io.chimera.insight.aggregate.statistics.MetricKeys;
import io.chimera.insight.aggregate.statistics.RunValues;
import io.chimera.insight.aggregate.statistics.RunningAggregates;
import io.chimera.insight.aggregate.statistics.RunningModel;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.ingest.IngestedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The statistics a run goes into, alone: its (file, configuration) entry's ({@code ConfigAggregate.add}) and
 * its model's running aggregate, the configuration's and the model's sets ({@code RunningAggregates.adding} /
 * {@code added}, as {@code AggregateStore.add} calls them), for {@value #RUNS} runs of the bench's corpus (20
 * models, the mixed shapes, in ingest's order), each read once ({@code RunValues}). Entries are kept in a map,
 * never encoded; fresh models and entries for each invocation, so two runs in three start a new entry, as in
 * the corpus. What {@code RunPathBenchmark} measures without Kafka Streams, the decoding, the file version and
 * the entry's store write: the part of the per-run path that docs/benchmarks.md called "the floor of this
 * design". Read {@code -prof gc}'s {@code gc.alloc.rate.norm} for the bytes allocated per run. Its time is
 * wall-clock, which a loaded machine stretches by whatever share of the cores the benchmark got; so it also
 * prints the thread CPU time per run (median of the measured iterations), as {@code EmissionBenchmark} does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RunningModelBenchmark extends CpuTimedBenchmark {

    static final int RUNS = 4_000;

    private final List<BenchmarkRun> runs = new ArrayList<>();
    private final List<String> configKeys = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        cpu = new IterationCpu("RunningModelBenchmark, per run", RUNS);
        for (IngestedFile read : IngestedCorpus.mixed(600, 20)) {
            for (BenchmarkRun run : read.runs()) {
                if (runs.size() < RUNS) {
                    runs.add(run);
                    configKeys.add(ConfigKeys.of(run.getConfig()));
                    paths.add(read.file().getPath());
                }
            }
        }
        if (runs.size() < RUNS) {
            throw new IllegalStateException("The corpus has " + runs.size() + " runs, fewer than " + RUNS);
        }
    }


    @Benchmark
    @OperationsPerInvocation(RUNS)
    public RunningAggregates addRuns() {
        cpu.begin();
        RunningAggregates aggregates = addAll();
        cpu.end();
        return aggregates;
    }

    private RunningAggregates addAll() {
        RunningAggregates aggregates = new RunningAggregates(RunningAggregates.DEFAULT_BUDGET_BYTES);
        MetricKeys metricKeys = new MetricKeys();
        Map<String, ConfigAggregate> entries = new HashMap<>();
        Set<String> started = new HashSet<>();
        for (int i = 0; i < RUNS; i++) {
            BenchmarkRun run = runs.get(i);
            String model = run.getModel();
            if (started.add(model)) {
                // As AggregateStore.add: the model's running aggregate is built at its first run, and only then.
                aggregates.get(model, m -> RunningModel.of(List.of()));
            }
            String configKey = configKeys.get(i);
            ConfigAggregate entry = entries.computeIfAbsent(model + '\u0000' + run.getFileId() + '\u0000' + configKey,
                    k -> ConfigAggregate.entry(run.getConfig()));
            RunValues values = RunValues.of(run, metricKeys);
            RunningModel running = aggregates.adding(model, values, entry);
            entry.add(values);
            aggregates.added(running, model, new EntryKey(run.getFileId(), configKey), paths.get(i), values, entry);
        }
        return aggregates;
    }
}
