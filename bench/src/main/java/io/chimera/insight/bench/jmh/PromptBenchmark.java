package io.chimera.insight.bench.jmh;

import io.chimera.insight.aggregate.state.AggregateStore;
import io.chimera.insight.aggregate.statistics.ColdStartRule;
import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.statistics.FileVersion;
import io.chimera.insight.aggregate.statistics.ModelMetricsAssembler;
import io.chimera.insight.aggregate.statistics.RunningAggregates;
import io.chimera.insight.analysis.prompt.Prompt;
import io.chimera.insight.analysis.prompt.PromptBuilder;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.ingest.IngestedFile;
import io.chimera.insight.platform.stats.ModelFigures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
 * The analysis path's own work on the loop thread before a call (what {@code Analyst.prepare} does):
 * {@link ModelFigures#of} and {@link PromptBuilder#build(ModelMetrics, ModelFigures)}, on the model
 * records of the bench's {@code --files 500} corpus (seed 42, its 20 models, every run ingested and
 * aggregated by the aggregation's own store classes over in-memory maps, as {@code EmissionBenchmark}
 * does). An operation prepares every model's prompt once. Read {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} for the bytes allocated per operation; the benchmark also prints the thread
 * CPU time per prompt, which a loaded machine stretches far less than the wall time JMH scores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PromptBenchmark extends CpuTimedBenchmark {

    private static final int FILES = 500;
    private static final int MODELS = 20;

    private final List<ModelMetrics> models = new ArrayList<>();
    private final PromptBuilder prompts = PromptBuilder.withDefaults();

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        AggregateStore store = new AggregateStore(new MapStore<FileVersion>(), new MapStore<ConfigAggregate>(),
                new RunningAggregates(RunningAggregates.DEFAULT_BUDGET_BYTES));
        TreeSet<String> names = new TreeSet<>();
        for (IngestedFile read : IngestedCorpus.mixed(FILES, MODELS)) {
            Map<String, List<BenchmarkRun>> byModel = new LinkedHashMap<>();
            for (BenchmarkRun run : read.runs()) {
                byModel.computeIfAbsent(run.getModel(), m -> new ArrayList<>()).add(run);
            }
            byModel.forEach((model, runs) -> {
                FileVersion version = FileVersion.of(runs.get(0));
                store.holdFirstVersion(model, runs.get(0).getFileId(), version);
                runs.forEach(run -> store.add(model, version, run));
                names.add(model);
            });
        }
        if (names.size() != MODELS) {
            throw new IllegalStateException("The corpus is about " + names.size() + " models, not " + MODELS);
        }
        for (String model : names) {
            models.add(ModelMetricsAssembler.assemble(model, store.running(model), ColdStartRule.defaults(), 0, 1L));
        }
        cpu = new IterationCpu("PromptBenchmark, per prompt (figures and text)", models.size());
    }

    @Benchmark
    @OperationsPerInvocation(MODELS)
    public long figuresAndPrompt() {
        cpu.begin();
        long chars = 0;
        for (ModelMetrics metrics : models) {
            Prompt prompt = prompts.build(metrics, ModelFigures.of(metrics));
            chars += prompt.user().length();
        }
        cpu.end();
        return chars;
    }
}
