package io.chimera.insight.bench.kafka;

import io.chimera.insight.bench.result.CpuClock;
import io.chimera.insight.bench.result.ThreadCpu;
import java.time.Duration;

/**
 * Records moved in a measured time.
 *
 * @param records records sent or processed
 * @param bytes   key and value bytes of those records
 * @param elapsed the measured time
 * @param cpuNanos CPU time the whole process used meanwhile; -1 when unknown
 * @param threads  where the cores went meanwhile
 */
public record Throughput(long records, long bytes, Duration elapsed, long cpuNanos, ThreadCpu.Usage threads) {

    /** "1.87 cores busy" while it was measured, or an empty string. */
    public String coresBusy() {
        return CpuClock.busy(cpuNanos, elapsed.toNanos());
    }

    public double recordsPerSecond() {
        return records / seconds();
    }

    public double megabytesPerSecond() {
        return bytes / 1e6 / seconds();
    }

    public double seconds() {
        return Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
}
