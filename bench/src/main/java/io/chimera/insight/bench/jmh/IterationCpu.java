package io.chimera.insight.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark thread's CPU time per operation, per measured iteration, printed at the end of the trial as the
 * median with the least and most: a loaded machine stretches it far less than the wall time JMH scores. For a
 * benchmark's own {@code @Setup(Level.Iteration)} ({@link #start}), its benchmark method ({@link #begin} and
 * {@link #end} around the work), {@code @TearDown(Level.Iteration)} ({@link #finish}) and
 * {@code @TearDown(Level.Trial)} ({@link #print}).
 */
public final class IterationCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String what;
    private final int operationsPerInvocation;
    private final List<Double> nanosPerOperation = new ArrayList<>();
    private boolean measured;
    private long cpuNanos;
    private long invocations;
    private long begun;

    IterationCpu(String what, int operationsPerInvocation) {
        this.what = what;
        this.operationsPerInvocation = operationsPerInvocation;
    }

    void start(boolean measuredIteration) {
        measured = measuredIteration;
        cpuNanos = 0;
        invocations = 0;
    }

    void begin() {
        begun = THREADS.getCurrentThreadCpuTime();
    }

    void end() {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - begun;
        invocations++;
    }

    void finish() {
        if (measured && invocations > 0) {
            nanosPerOperation.add((double) cpuNanos / invocations / operationsPerInvocation);
        }
    }

    void print() {
        List<Double> sorted = nanosPerOperation.stream().sorted().toList();
        if (!sorted.isEmpty()) {
            System.out.printf("%n%s: thread CPU per operation, median of %d measured iterations: %.0f ns (%.0f to %.0f)%n",
                    what, sorted.size(), sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
        }
    }
}
