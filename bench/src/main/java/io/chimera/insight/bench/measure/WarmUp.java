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

    /**
     * Passes run at most, whatever the JIT does. At 4 (branch {@code meas10}) every warm-up of a quiet
     * run stopped there still compiling, the detection pairs' last at 0.54 and 0.31 cores, and the
     * measured pairs after it still had the JIT at up to 0.43 cores (docs/benchmarks.md, "Warm-ups that
     * converge").
     */
    public static final int MAX_PASSES = 12;
    /** JIT cores below which a pass counts as running compiled code. */
    public static final double COMPILED_JIT_CORES = 0.15;
    /**
     * Consecutive passes under {@link #COMPILED_JIT_CORES} that end the warm-up: one quiet pass can be a
     * lull between two bursts of compilation (C2 compiles in the background, in queue order).
     */
    public static final int SETTLED_PASSES = 2;

    private final List<T> passes;
    private final Function<T, ThreadCpu.Usage> usage;
    private final int maxPasses;

    private WarmUp(List<T> passes, Function<T, ThreadCpu.Usage> usage, int maxPasses) {
        this.passes = passes;
        this.usage = usage;
        this.maxPasses = maxPasses;
    }

    /**
     * Runs {@code pass} until {@value #SETTLED_PASSES} passes in a row ran with the JIT under
     * {@link #COMPILED_JIT_CORES}, at most {@link #MAX_PASSES} times; once, when the JIT is not measured.
     */
    public static <T> WarmUp<T> run(Pass<T> pass, Function<T, ThreadCpu.Usage> usage) throws Exception {
        return run(pass, usage, MAX_PASSES);
    }

    /** As {@link #run(Pass, Function)}, at most {@code maxPasses} times. */
    public static <T> WarmUp<T> run(Pass<T> pass, Function<T, ThreadCpu.Usage> usage, int maxPasses)
            throws Exception {
        if (maxPasses < 1) {
            throw new IllegalArgumentException("a warm-up runs at least one pass: " + maxPasses);
        }
        List<T> passes = new ArrayList<>();
        while (passes.size() < maxPasses && !settled(passes, usage)) {
            passes.add(pass.run(passes.size() + 1));
        }
        return new WarmUp<>(passes, usage, maxPasses);
    }

    /** Whether the last {@value #SETTLED_PASSES} passes ran compiled, or the JIT is not measured. */
    private static <T> boolean settled(List<T> passes, Function<T, ThreadCpu.Usage> usage) {
        if (passes.isEmpty()) {
            return false;
        }
        if (usage.apply(passes.get(passes.size() - 1)).threads().isEmpty()) {
            return true;
        }
        return passes.size() >= SETTLED_PASSES && passes.subList(passes.size() - SETTLED_PASSES, passes.size())
                .stream().allMatch(p -> compiled(usage.apply(p)));
    }

    /** Whether the JIT had (mostly) finished compiling while a pass ran; unknown counts as yes. */
    static boolean compiled(ThreadCpu.Usage usage) {
        return usage.threads().isEmpty() || usage.jit() < COMPILED_JIT_CORES;
    }

    /** Whether the warm-up ended by its rule, not at its cap with the JIT still busy. */
    public boolean settled() {
        return settled(passes, usage);
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
        return what + " " + passes.size() + " times before the measure, " + rule("", maxPasses) + "; the passes ran at "
                + passes.stream().map(p -> Units.count(Math.round(recordsPerSecond.applyAsDouble(p))))
                .collect(Collectors.joining(", "))
                + " records/s, JIT " + jitPerPass() + " cores." + ending();
    }

    /** "0.80, 0.40, 0.10": each pass's JIT cores, in the order run. */
    public String jitPerPass() {
        return passes.stream().map(p -> Units.decimal(usage.apply(p).jit())).collect(Collectors.joining(", "));
    }

    /** "until the JIT spent under 0.15 cores in 2 passes in a row{@code where} (at most 12 times)". */
    public static String rule(String where) {
        return rule(where, MAX_PASSES);
    }

    /** "until the JIT spent under 0.15 cores in 2 passes in a row{@code where} (at most {@code maxPasses} times)". */
    public static String rule(String where, int maxPasses) {
        return "until the JIT spent under " + Units.decimal(COMPILED_JIT_CORES) + " cores" + where + " in "
                + SETTLED_PASSES + " passes in a row (at most " + maxPasses + " times)";
    }

    /** "", or a sentence saying plainly that the warm-up stopped at its cap with the JIT still busy. */
    public String ending() {
        return settled() ? "" : " It stopped at its cap of " + maxPasses + " passes STILL COMPILING (JIT "
                + Units.decimal(lastJit()) + " cores in the last pass): the measure that follows ran beside the "
                + "compiler.";
    }
}
