package io.chimera.insight.bench.measure;

import io.chimera.insight.bench.result.ThreadCpu;
import io.chimera.insight.bench.result.Units;

/**
 * Two aggregation runs of one unmeasured warm-up pass (a paired measure's two sides, one after the
 * other): the pass counts as compiled only when both ran with the JIT settled, so its JVM work is
 * that of the run whose JIT was busier.
 */
public record RunPair(AggregationProbe.Result first, AggregationProbe.Result second) {

    /** The JVM work of the run whose JIT was busier. */
    public ThreadCpu.Usage jvm() {
        return first.jvm().jit() >= second.jvm().jit() ? first.jvm() : second.jvm();
    }

    /** "JIT 0.41, GC 0.03 cores": the JVM's own work while one run was timed. */
    public static String jvm(AggregationProbe.Result run) {
        return "JIT " + Units.decimal(run.jvm().jit()) + ", GC " + Units.decimal(run.jvm().gc()) + " cores";
    }
}
