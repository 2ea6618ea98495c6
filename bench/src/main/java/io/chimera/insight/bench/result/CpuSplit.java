package io.chimera.insight.bench.result;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Who spent a measure's process CPU, per run: its stream threads, the JIT's compiler threads, the collector
 * (SerialGC's pauses run in the VM thread), the broker's request handlers and network threads, the producers'
 * network threads, and the rest (whatever the other groups leave of the process's figure: the broker's other
 * threads, the consumers, the bench). The process's figure is what the scaling verdict judges; this says which
 * of those threads a point's growth, or a slow run, went to without a profiler: at 20,000 configurations the
 * JIT alone was about 40 % of the point's CPU and grows with its wall time, not with its work
 * (docs/benchmarks.md, "twelfth pass").
 *
 * <p>The groups' cores come from {@link ThreadCpu.Usage} (cores over the measure's wall time, the JIT's and the
 * collector's read from /proc); each is turned back into CPU time over {@code elapsed} and divided by the runs.
 */
public record CpuSplit(double streamMicros, double jitMicros, double gcMicros, double brokerMicros,
                       double producerMicros, double restMicros) {

    /** The thread group names of the broker's request handlers and network threads ({@link ThreadCpu#group}). */
    private static final String BROKER_HANDLERS = "data-plane-kafka-request-handler-";
    private static final String BROKER_NETWORK = "data-plane-kafka-network-thread-";
    private static final String PRODUCERS = "kafka-producer-network-thread";

    /**
     * @param cost    the measure's process CPU and stream threads' CPU per run
     * @param usage   its threads' cores over the same window ({@link ThreadCpu.Usage#UNKNOWN}: only the stream
     *                threads and the rest are known)
     * @param elapsed the window
     * @param runs    the runs it handled
     */
    public static CpuSplit of(PerRunCost cost, ThreadCpu.Usage usage, Duration elapsed, long runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("a per-run split needs at least one run");
        }
        double microsPerCore = elapsed.toNanos() / 1e3 / runs;
        double broker = 0;
        double producers = 0;
        for (Map.Entry<String, Double> group : usage.threads().entrySet()) {
            String name = group.getKey();
            if (name.startsWith(BROKER_HANDLERS) || name.startsWith(BROKER_NETWORK)) {
                broker += group.getValue();
            } else if (name.startsWith(PRODUCERS)) {
                producers += group.getValue();
            }
        }
        double stream = cost.streamThreadMicros().orElse(0);
        double jit = usage.jit() * microsPerCore;
        double gc = usage.gc() * microsPerCore;
        double brokerMicros = broker * microsPerCore;
        double producerMicros = producers * microsPerCore;
        return new CpuSplit(stream, jit, gc, brokerMicros, producerMicros,
                cost.cpuMicros() - stream - jit - gc - brokerMicros - producerMicros);
    }

    /** "stream threads 19.8, JIT 21.0, collector 9.6, broker 6.1, producers 2.0, rest 5.5 µs per run". */
    public String describe() {
        return String.format(Locale.ROOT,
                "stream threads %.1f, JIT %.1f, collector %.1f, broker %.1f, producers %.1f, rest %.1f µs per run",
                streamMicros, jitMicros, gcMicros, brokerMicros, producerMicros, restMicros);
    }
}
