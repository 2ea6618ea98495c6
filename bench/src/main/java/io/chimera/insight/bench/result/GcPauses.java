package io.chimera.insight.bench.result;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The collections the JVM made since a starting point and the time they took, as its collectors
 * count them (for SerialGC, the default of the CLI as shipped, that time is the pauses: every
 * thread stands still meanwhile).
 */
public final class GcPauses {

    private final long countBefore = count();
    private final long millisBefore = millis();

    private GcPauses() {
    }

    /** Counts from now. */
    public static GcPauses start() {
        return new GcPauses();
    }

    /** Collections since the start, young and full. */
    public long collections() {
        return count() - countBefore;
    }

    /** "12 collections, 85 ms" since the start. */
    public String describe() {
        return String.format(Locale.ROOT, "%d collections, %d ms", collections(), millis() - millisBefore);
    }

    private static long count() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }

    private static long millis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
