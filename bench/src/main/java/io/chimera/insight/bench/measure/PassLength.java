package io.chimera.insight.bench.measure;

import io.chimera.insight.bench.result.Units;
import java.time.Duration;

/**
 * How long one warm-up pass of the latency measure runs: at least {@code requests} requests and at least
 * {@code time}, whichever ends later. The pass's JIT cores decide whether the warm-up goes on, and a share
 * read over a few hundred milliseconds is one compilation's length: passes of 5 requests (about 0.2 s
 * each) never read under 0.15 cores twice in a row, the compiler's bursts falling in one pass and not the
 * next (docs/benchmarks.md, branch {@code lat13}).
 *
 * @param requests the fewest requests a pass sends
 * @param time     the shortest time a pass runs
 */
public record PassLength(int requests, Duration time) {

    public PassLength {
        if (requests < 1 || time.isNegative()) {
            throw new IllegalArgumentException("a pass sends at least one request for a time not negative: "
                    + requests + ", " + time);
        }
    }

    /** Whether a pass that has sent {@code sent} requests in {@code elapsed} has run its length. */
    public boolean reached(int sent, Duration elapsed) {
        return sent >= requests && elapsed.compareTo(time) >= 0;
    }

    /** "at least 20 requests and at least 1 s". */
    public String describe() {
        return "at least " + requests + " requests and at least " + Units.seconds(time.toNanos() / 1e9);
    }
}
