package io.chimera.insight.bench.result;

import java.time.Duration;
import java.util.Locale;

/**
 * What one run cost a measure: the process's CPU time and the wall time it took, each divided by the
 * runs it handled, in microseconds. CPU counts every thread of the JVM (the broker's included), as the
 * bench's "cores busy" does.
 */
public record PerRunCost(double cpuMicros, double wallMicros) {

    public static PerRunCost of(long cpuNanos, Duration elapsed, long runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("a per-run cost needs at least one run");
        }
        return new PerRunCost(cpuNanos / 1e3 / runs, elapsed.toNanos() / 1e3 / runs);
    }

    /** "12.3 µs CPU, 8.1 µs wall". */
    public String describe() {
        return String.format(Locale.ROOT, "%s µs CPU, %s µs wall", micros(cpuMicros), micros(wallMicros));
    }

    private static String micros(double value) {
        return value < 100 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }
}
