package io.chimera.insight.bench.result;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What one run cost a measure: the process's CPU time and the wall time it took, each divided by the
 * runs it handled, in microseconds. CPU counts every thread of the JVM (the broker's included), as the
 * bench's "cores busy" does. An aggregation's cost also has its stream threads' own CPU time per run
 * ({@link #streamThreadMicros}): the process's figure counts the JIT's compiler threads, the garbage
 * collector, the broker and the producers' network threads too, whose share follows the measure's wall
 * time and the heap as much as the aggregation's work.
 */
public record PerRunCost(double cpuMicros, double wallMicros, OptionalDouble streamThreadMicros) {

    public static PerRunCost of(long cpuNanos, Duration elapsed, long runs) {
        requireRuns(runs);
        return new PerRunCost(cpuNanos / 1e3 / runs, elapsed.toNanos() / 1e3 / runs, OptionalDouble.empty());
    }

    /** The same cost with the stream threads' CPU time, {@code streamThreadNanos} over the same {@code runs}. */
    public PerRunCost withStreamThreads(long streamThreadNanos, long runs) {
        requireRuns(runs);
        return new PerRunCost(cpuMicros, wallMicros, OptionalDouble.of(streamThreadNanos / 1e3 / runs));
    }

    private static void requireRuns(long runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("a per-run cost needs at least one run");
        }
    }

    /** "12.3 µs CPU, 8.1 µs wall", or "12.3 µs CPU (stream threads 5.2 µs), 8.1 µs wall". */
    public String describe() {
        String streams = streamThreadMicros.isPresent()
                ? " (stream threads " + micros(streamThreadMicros.getAsDouble()) + " µs)" : "";
        return String.format(Locale.ROOT, "%s µs CPU%s, %s µs wall", micros(cpuMicros), streams, micros(wallMicros));
    }

    private static String micros(double value) {
        return value < 100 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }
}
