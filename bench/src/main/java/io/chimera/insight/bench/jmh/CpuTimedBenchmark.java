package io.chimera.insight.bench.jmh;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * A benchmark state that prints its thread's CPU time per operation ({@link IterationCpu}): the JMH
 * lifecycle that hands each iteration to it, written once. A subclass sets {@link #cpu} by its trial's
 * set-up at the latest and wraps its measured work in {@code cpu.begin()} and {@code cpu.end()}.
 */
public abstract class CpuTimedBenchmark {

    protected IterationCpu cpu;

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        cpu.start(iteration.getType() == IterationType.MEASUREMENT);
    }

    @TearDown(Level.Iteration)
    public void finishIteration() {
        cpu.finish();
    }

    @TearDown(Level.Trial)
    public void printCpu() {
        cpu.print();
    }
}
