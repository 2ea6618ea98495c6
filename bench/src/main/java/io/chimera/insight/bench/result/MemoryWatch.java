package io.chimera.insight.bench.result;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Peak memory of this process: heap in use, sampled every 10 ms on a daemon thread (a peak
 * between two samples can be missed, never invented), and the resident set's high-water mark
 * as the kernel keeps it ({@code VmHWM} in {@code /proc/self/status}), which is exact.
 */
public final class MemoryWatch implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakHeapUsed;
    private volatile long peakHeapCommitted;

    public MemoryWatch() {
        sampler = new Thread(this::sample, "bench-memory-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            long used = memory.getHeapMemoryUsage().getUsed();
            long committed = memory.getHeapMemoryUsage().getCommitted();
            if (used > peakHeapUsed) {
                peakHeapUsed = used;
            }
            if (committed > peakHeapCommitted) {
                peakHeapCommitted = committed;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public long peakHeapUsed() {
        return peakHeapUsed;
    }

    public long peakHeapCommitted() {
        return peakHeapCommitted;
    }

    /** The process's peak resident set in bytes, where the OS keeps one (Linux). */
    public static OptionalLong peakRss() {
        return statusField("VmHWM:");
    }

    /** The peak resident set of process {@code pid} so far, in bytes (Linux); empty once it has ended. */
    public static OptionalLong peakRss(long pid) {
        return statusField(Path.of("/proc", Long.toString(pid), "status"), "VmHWM:");
    }

    /** The process's resident set now, in bytes (Linux). */
    public static OptionalLong currentRss() {
        return statusField("VmRSS:");
    }

    private static OptionalLong statusField(String field) {
        return statusField(Path.of("/proc/self/status"), field);
    }

    private static OptionalLong statusField(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024); // the kernel writes kB
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc not mounted: the figure is reported as unavailable
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
