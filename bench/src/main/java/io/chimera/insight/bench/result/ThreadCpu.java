package io.chimera.insight.bench.result;

import io.chimera.insight.platform.concurrent.DaemonThreads;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Where a measure's cores went: CPU time per thread, grouped by name with the numbers taken out
 * ("data-plane-kafka-request-handler-#"), plus the JVM's own JIT compilation and garbage
 * collection, which run on threads Java does not list (read from /proc on Linux: "gc" is the
 * collector and the VM thread, which runs SerialGC's pauses). Threads are sampled every 100 ms
 * while the measure runs, so a pool started and stopped inside it (ingest's readers) is seen; the
 * CPU a thread uses in its last 100 ms is not. Figures are in cores: CPU seconds per second.
 *
 * <p>The JIT figure says whether a measure ran on compiled code: a JVM still compiling its hot
 * paths spends up to a core on it, and the measure is of the warm-up, not of the code.
 */
public final class ThreadCpu implements AutoCloseable {

    /** Cores per thread group, busiest first, and the JVM's own use. */
    public record Usage(Map<String, Double> threads, double gc, double jit, boolean fromProc) {

        /** Where the JVM does not measure thread CPU. */
        public static final Usage UNKNOWN = new Usage(Map.of(), 0, 0, false);

        /** "main 0.61, chimera-ingest-reader-# 0.93, gc 0.02, jit 0.10", the {@code top} busiest groups first. */
        public String describe(int top) {
            if (threads.isEmpty()) {
                return "";
            }
            String busiest = threads.entrySet().stream().limit(top)
                    .map(e -> cores(e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "));
            return busiest + ", " + cores("gc", gc) + (fromProc ? "" : " (pauses)") + ", " + cores("jit", jit)
                    + (fromProc ? "" : " (elapsed)");
        }

        private static String cores(String what, double cores) {
            return String.format(Locale.ROOT, "%s %.2f", what, cores);
        }
    }

    private static final long SAMPLE_MILLIS = 100;
    /** USER_HZ, which Linux fixes at 100 for /proc's tick counts on every common architecture. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean supported = threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
    private final Map<Long, Long> firstSeen = new HashMap<>();
    private final Map<Long, Long> lastSeen = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    /** CPU ticks per JVM-internal OS thread (compiler, GC, VM thread), by task id. */
    private final Map<String, Long> internalFirst = new HashMap<>();
    private final Map<String, Long> internalLast = new HashMap<>();
    private final Map<String, String> internalGroup = new HashMap<>();
    /**
     * Tasks whose name is neither the JIT's nor the collector's: their stat is not read again. Reading
     * every task's stat at every sample (some 90 threads, a buffer and a few strings each) allocated
     * 44 MB during step 9 of a bench run (JFR; 3 % of all that step allocated), in the heap whose
     * collections pause the service being measured. A thread's name does not turn into a compiler's.
     */
    private final Set<String> ordinaryTasks = new HashSet<>();
    private final long gcMillisBefore = gcMillis();
    private final long jitMillisBefore = jitMillis();
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService sampler =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bench-thread-cpu"));
    private Usage usage;

    private ThreadCpu(long everyMillis) {
        sample(true);
        if (supported) {
            sampler.scheduleAtFixedRate(() -> sample(false), everyMillis, everyMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Starts sampling now, every 100 ms; {@link #stop} ends it. */
    public static ThreadCpu start() {
        return new ThreadCpu(SAMPLE_MILLIS);
    }

    /**
     * Starts sampling now, every {@code every}: for a measure that sampling itself would disturb
     * (each sample reads every thread's CPU time and /proc entry, and allocates for it), at the
     * price of the CPU a thread uses in its last interval, which is not seen.
     */
    public static ThreadCpu start(Duration every) {
        return new ThreadCpu(Math.max(1, every.toMillis()));
    }

    /** Stops sampling (once) and says where the cores went since the start. */
    public synchronized Usage stop() {
        if (usage != null) {
            return usage;
        }
        sampler.shutdownNow();
        long wallNanos = System.nanoTime() - startNanos;
        sample(false);
        if (!supported || wallNanos <= 0) {
            usage = Usage.UNKNOWN;
            return usage;
        }
        Map<String, Long> byGroup = new HashMap<>();
        lastSeen.forEach((id, nanos) -> {
            long used = nanos - firstSeen.getOrDefault(id, 0L);
            if (used > 0) {
                byGroup.merge(group(names.get(id)), used, Long::sum);
            }
        });
        Map<String, Double> busiest = byGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (double) e.getValue() / wallNanos,
                        (a, b) -> a, LinkedHashMap::new));
        usage = internalUsage(busiest, wallNanos);
        return usage;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Adds the JIT's and the collector's cores: CPU time of their OS threads where /proc says it,
     * else the JVM's own accounts, which count elapsed time (a compiler waiting for a core counts
     * as busy) and so overstate them on a loaded machine.
     */
    private Usage internalUsage(Map<String, Double> busiest, long wallNanos) {
        if (!internalLast.isEmpty()) {
            Map<String, Long> ticks = new HashMap<>();
            internalLast.forEach((task, last) -> ticks.merge(internalGroup.get(task),
                    last - internalFirst.getOrDefault(task, 0L), Long::sum));
            double coresPerTick = (double) TimeUnit.SECONDS.toNanos(1) / CLOCK_TICKS_PER_SECOND / wallNanos;
            return new Usage(busiest, ticks.getOrDefault("gc", 0L) * coresPerTick,
                    ticks.getOrDefault("jit", 0L) * coresPerTick, true);
        }
        return new Usage(busiest, (double) TimeUnit.MILLISECONDS.toNanos(gcMillis() - gcMillisBefore) / wallNanos,
                (double) TimeUnit.MILLISECONDS.toNanos(jitMillis() - jitMillisBefore) / wallNanos, false);
    }

    private synchronized void sample(boolean first) {
        if (!supported || usage != null) {
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
        sampleInternal(first);
    }

    private void sampleInternal(boolean first) {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(tasks)) {
            for (Path task : all) {
                readInternal(task, first);
            }
        } catch (IOException | RuntimeException e) {
            // the listing changed under us: this sample is skipped, the next one reads again
        }
    }

    /** {@code pid (comm) state ... utime stime}: fields 14 and 15, counted after the closing parenthesis. */
    private void readInternal(Path task, boolean first) {
        String id = task.getFileName().toString();
        if (ordinaryTasks.contains(id)) {
            return;
        }
        String stat;
        try {
            stat = Files.readString(task.resolve("stat"));
        } catch (IOException ended) {
            return;
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return;
        }
        String group = internalGroupOf(stat.substring(open + 1, close));
        if (group == null) {
            ordinaryTasks.add(id);
            return;
        }
        String[] fields = stat.substring(close + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (first) {
            internalFirst.put(id, ticks);
        }
        internalLast.put(id, ticks);
        internalGroup.put(id, group);
    }

    /** "jit" for HotSpot's compiler threads, "gc" for its collector and VM threads, else null. */
    private static String internalGroupOf(String comm) {
        if (comm.contains("CompilerThre")) {
            return "jit";
        }
        if (comm.startsWith("VM Thread") || comm.startsWith("GC Thread") || comm.startsWith("G1 ")
                || comm.startsWith("GC ")) {
            return "gc";
        }
        return null;
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
