package io.chimera.insight.bench.jmh;

import io.chimera.insight.platform.change.ChangePoint;
import io.chimera.insight.platform.change.DivergenceSweep;
import io.chimera.insight.platform.change.EDivisiveMeans;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One series' change search at an evaluation, as the aggregation makes it while runs stream in: the
 * series grew by {@value #GROWN} runs since its last evaluation, whose divergence search is resumed
 * ({@link DivergenceSweep}), and the detector then confirms, splits and merges as it does at every
 * evaluation ({@link EDivisiveMeans#detect(double[], DivergenceSweep)}). Series of {@code n} runs
 * with 3 % noise (as throughput rigs show), stationary or with a 10 % step at two thirds, where each
 * evaluation compares the segments of the change again. Each shot evaluates {@value #SERIES} series
 * once each, their sweeps built at {@code n} runs before the shot (an evaluation changes what the
 * next would cost). Allocation per evaluation ({@code -prof gc}, gc.alloc.rate.norm divided by
 * {@value #SERIES}) is set by the code; the times stretch with the machine's load:
 * {@code java -jar bench/target/benchmarks.jar ChangeSearchBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 40, batchSize = ChangeSearchBenchmark.SERIES)
@Measurement(iterations = 40, batchSize = ChangeSearchBenchmark.SERIES)
@Fork(1)
public class ChangeSearchBenchmark {

    static final int SERIES = 32;
    static final int GROWN = 3;

    private static final EDivisiveMeans DETECTOR = EDivisiveMeans.withDefaults();

    @Param({"60", "480"})
    int n;

    @Param({"stationary", "step"})
    String shape;

    private final double[][] grown = new double[SERIES][];
    private final DivergenceSweep[] sweeps = new DivergenceSweep[SERIES];
    private int next;

    @Setup(Level.Iteration)
    public void sweepsAtTheLastEvaluation() {
        Random random = new Random(16);
        for (int s = 0; s < SERIES; s++) {
            double[] values = new double[n + GROWN];
            for (int i = 0; i < values.length; i++) {
                double level = shape.equals("step") && i >= 2 * n / 3 ? 1_100 : 1_000;
                values[i] = level * (1 + 0.03 * random.nextGaussian());
            }
            grown[s] = values;
            sweeps[s] = new DivergenceSweep(DETECTOR.settings().minSegment());
            DETECTOR.detect(Arrays.copyOf(values, n), sweeps[s]);
        }
        next = 0;
    }

    @Benchmark
    public List<ChangePoint> evaluate() {
        int s = next++ % SERIES;
        return DETECTOR.detect(grown[s], sweeps[s]);
    }
}
