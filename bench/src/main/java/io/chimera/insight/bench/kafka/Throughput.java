package io.chimera.insight.bench.kafka;

import java.time.Duration;

/**
 * Records moved in a measured time.
 *
 * @param records records sent or processed
 * @param bytes   key and value bytes of those records
 * @param elapsed the measured time
 */
public record Throughput(long records, long bytes, Duration elapsed) {

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
