package io.chimera.insight.bench.jmh;

import io.chimera.insight.aggregate.statistics.StatsAccumulator;
import io.chimera.insight.events.MetricStats;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The aggregation's statistics: folding one value into a metric's accumulator (Welford + DDSketch
 * at 1%), merging two accumulators of 1,000 values (Chan + sketch merge, on a copy as the
 * aggregate does), a p99, and the accumulator's round trip through its Avro snapshot (what each
 * state-store read and write costs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SketchBenchmark {

    private static final int VALUES = 4096;

    private final double[] values = new double[VALUES];
    private int next;
    private StatsAccumulator growing;
    private StatsAccumulator thousandA;
    private StatsAccumulator thousandB;
    private MetricStats snapshot;

    @Setup(Level.Trial)
    public void fill() {
        Random random = new Random(42);
        for (int i = 0; i < VALUES; i++) {
            values[i] = Math.exp(4 + random.nextGaussian() * 0.5); // tokens/s-like: log-normal around 55
        }
        growing = StatsAccumulator.empty("tokens/s");
        thousandA = StatsAccumulator.empty("tokens/s");
        thousandB = StatsAccumulator.empty("tokens/s");
        for (int i = 0; i < 1000; i++) {
            thousandA.add(values[i]);
            thousandB.add(values[VALUES - 1 - i] * 1.1);
        }
        snapshot = thousandA.toStats();
    }

    @Benchmark
    public StatsAccumulator addOneValue() {
        return growing.add(values[next++ & (VALUES - 1)]);
    }

    @Benchmark
    public StatsAccumulator mergeTwoOfThousand() {
        return thousandA.copy().merge(thousandB);
    }

    @Benchmark
    public double p99OfThousand() {
        return thousandA.quantile(0.99);
    }

    @Benchmark
    public StatsAccumulator snapshotRoundTrip() {
        return StatsAccumulator.fromStats(thousandA.toStats());
    }

    @Benchmark
    public StatsAccumulator restoreFromSnapshot() {
        return StatsAccumulator.fromStats(snapshot);
    }
}
