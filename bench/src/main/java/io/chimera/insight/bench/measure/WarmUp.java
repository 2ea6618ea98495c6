package io.chimera.insight.bench.measure;

import io.chimera.insight.bench.result.ThreadCpu;
import io.chimera.insight.bench.result.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Unmeasured passes of a measure, run until the JIT has (mostly) compiled what they run: measured
 * straight after a short warm-up, the raw producer ran while the compiler took 0.7 of the 2 cores,
 * its repeats climbing from 70k to 130k records/s as it finished. Both sides of a ratio warm up
 * the same way.
 *
 * @param <T> what one pass measured
 */
public final class WarmUp<T> {

    /** One pass; {@code number} counts from 1. */
    @FunctionalInterface
    public interface Pass<T> {
        T run(int number) throws Exception;
    }

    /** Passes run at most, whatever the JIT does: on 2 cores it is still compiling minutes into a run. */
    public static final int MAX_PASSES = 4;
    /** JIT cores below which a pass counts as running compiled code. */
    public static final double COMPILED_JIT_CORES = 0.15;

    private final List<T> passes;
    private final Function<T, ThreadCpu.Usage> usage;

    private WarmUp(List<T> passes, Function<T, ThreadCpu.Usage> usage) {
        this.passes = passes;
        this.usage = usage;
    }

    /**
     * Runs {@code pass} until one ran with the JIT under {@link #COMPILED_JIT_CORES}, at most
     * {@value #MAX_PASSES} times.
     */
    public static <T> WarmUp<T> run(Pass<T> pass, Function<T, ThreadCpu.Usage> usage) throws Exception {
        List<T> passes = new ArrayList<>();
        while (passes.size() < MAX_PASSES
                && (passes.isEmpty() || !compiled(usage.apply(passes.get(passes.size() - 1))))) {
            passes.add(pass.run(passes.size() + 1));
        }
        return new WarmUp<>(passes, usage);
    }

    /** Whether the JIT had (mostly) finished compiling while a pass ran; unknown counts as yes. */
    static boolean compiled(ThreadCpu.Usage usage) {
        return usage.threads().isEmpty() || usage.jit() < COMPILED_JIT_CORES;
    }

    public int count() {
        return passes.size();
    }

    /** What each pass measured, in the order run. */
    public List<T> passes() {
        return List.copyOf(passes);
    }

    /** The JIT cores of pass {@code index}, counted from 0. */
    public double jitOf(int index) {
        return usage.apply(passes.get(index)).jit();
    }

    /** The JIT cores of the last pass. */
    public double lastJit() {
        return usage.apply(passes.get(passes.size() - 1)).jit();
    }

    /**
     * "{@code what} 4 times before the measure, until …; the passes ran at 86,280, 90,603 …
     * records/s, JIT 0.76, 0.77 … cores", for the results' notes.
     */
    public String describe(String what, ToDoubleFunction<T> recordsPerSecond) {
        return what + " " + passes.size() + " times before the measure, until the JIT spent under "
                + Units.decimal(COMPILED_JIT_CORES) + " cores (at most " + MAX_PASSES + " times); the passes ran at "
                + passes.stream().map(p -> Units.count(Math.round(recordsPerSecond.applyAsDouble(p))))
                .collect(Collectors.joining(", "))
                + " records/s, JIT " + passes.stream().map(p -> Units.decimal(usage.apply(p).jit()))
                .collect(Collectors.joining(", ")) + " cores.";
    }
}
