package io.chimera.insight.bench.result;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/**
 * CPU time used by this process (broker, registry, services and bench alike: they share the JVM).
 * Beside a measure's wall time it tells how many cores the measure kept busy, which says whether a
 * throughput was bound by the CPUs or by waiting.
 */
public final class CpuClock {

    private CpuClock() {
    }

    /** CPU nanoseconds used by the process so far; -1 where the JVM does not say. */
    public static long processNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean withCpu) {
            return withCpu.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU nanoseconds since {@code startNanos} (a {@link #processNanos()} reading); -1 when unknown. */
    public static long since(long startNanos) {
        long now = processNanos();
        return startNanos < 0 || now < 0 ? -1 : now - startNanos;
    }

    /** "1.87 cores busy", or an empty string when the CPU time is unknown. */
    public static String busy(long cpuNanos, long wallNanos) {
        if (cpuNanos < 0 || wallNanos <= 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f cores busy", (double) cpuNanos / wallNanos);
    }
}
