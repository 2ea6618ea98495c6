package io.chimera.insight.bench.result;

import io.chimera.insight.platform.concurrent.DaemonThreads;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Where a measure's cores went: CPU time per thread, grouped by name with the numbers taken out
 * ("data-plane-kafka-request-handler-#"), plus the JVM's own garbage collection and JIT compilation,
 * which run on threads Java does not list. Threads are sampled every 20 ms while the measure runs,
 * so a pool started and stopped inside it (ingest's readers) is seen; the CPU a thread uses in its
 * last 20 ms is not. Figures are in cores: CPU seconds per second of the measure.
 */
public final class ThreadCpu implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 20;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> firstSeen = new HashMap<>();
    private final Map<Long, Long> lastSeen = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final long gcMillisBefore = gcMillis();
    private final long jitMillisBefore = jitMillis();
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService sampler =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bench-thread-cpu"));
    private final boolean supported = threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
    private String summary;

    private ThreadCpu() {
        sample(true);
        if (supported) {
            sampler.scheduleAtFixedRate(() -> sample(false), SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Starts sampling now; {@link #stop} ends it. */
    public static ThreadCpu start() {
        return new ThreadCpu();
    }

    /**
     * Stops sampling and says, busiest first, the cores used by the {@code top} busiest thread groups
     * and by GC and JIT: "main 0.61, ingest-reader-# 0.93, gc 0.02, jit 0.10"; empty where the JVM
     * does not measure thread CPU.
     */
    public synchronized String stop(int top) {
        if (summary != null) {
            return summary;
        }
        sampler.shutdownNow();
        long wallNanos = System.nanoTime() - startNanos;
        sample(false);
        if (!supported || wallNanos <= 0) {
            summary = "";
            return summary;
        }
        Map<String, Long> byGroup = new HashMap<>();
        lastSeen.forEach((id, nanos) -> {
            long used = nanos - firstSeen.getOrDefault(id, 0L);
            if (used > 0) {
                byGroup.merge(group(names.get(id)), used, Long::sum);
            }
        });
        String busiest = byGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .map(e -> cores(e.getKey(), e.getValue(), wallNanos))
                .collect(Collectors.joining(", "));
        summary = busiest
                + ", " + cores("gc", TimeUnit.MILLISECONDS.toNanos(gcMillis() - gcMillisBefore), wallNanos)
                + ", " + cores("jit", TimeUnit.MILLISECONDS.toNanos(jitMillis() - jitMillisBefore), wallNanos);
        return summary;
    }

    @Override
    public void close() {
        stop(0);
    }

    private synchronized void sample(boolean first) {
        if (!supported || summary != null) {
            return;
        }
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos < 0) {
                continue;
            }
            if (first) {
                firstSeen.put(info.getThreadId(), nanos);
            }
            lastSeen.put(info.getThreadId(), nanos);
            names.putIfAbsent(info.getThreadId(), info.getThreadName());
        }
    }

    private static String cores(String what, long nanos, long wallNanos) {
        return String.format(Locale.ROOT, "%s %.2f", what, (double) nanos / wallNanos);
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** A thread's name with its digits replaced, so a pool's threads count as one. */
    static String group(String name) {
        return name.replaceAll("\\d+", "#");
    }
}
