package io.chimera.insight.bench.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CpuSplitTest {

    /** 2 s over 1,000 runs: a core busy throughout is 2,000 µs per run. */
    private static final Duration ELAPSED = Duration.ofSeconds(2);
    private static final long RUNS = 1_000;

    @Test
    void turnsEachGroupsCoresBackIntoCpuPerRunAndLeavesTheRestToTheProcesssFigure() {
        Map<String, Double> threads = new LinkedHashMap<>();
        threads.put("bench.scaling#.aggregate-x-StreamThread-#", 0.5);
        threads.put("data-plane-kafka-request-handler-#", 0.10);
        threads.put("data-plane-kafka-network-thread-#-ListenerName(PLAINTEXT)-PLAINTEXT-#", 0.05);
        threads.put("kafka-producer-network-thread | bench.scaling#.aggregate-x-StreamThread-#-producer", 0.02);
        threads.put("kafka-producer-network-thread | bench-scaling-#", 0.01);
        threads.put("group-coordinator-event-processor-#", 0.04);
        ThreadCpu.Usage usage = new ThreadCpu.Usage(threads, 0.25, 0.4, true);
        PerRunCost cost = new PerRunCost(3_000, 2_000, OptionalDouble.of(1_000));

        CpuSplit split = CpuSplit.of(cost, usage, ELAPSED, RUNS);

        assertThat(split.streamMicros()).isEqualTo(1_000);
        assertThat(split.jitMicros()).isCloseTo(800, within(1e-9));
        assertThat(split.gcMicros()).isCloseTo(500, within(1e-9));
        assertThat(split.brokerMicros()).isCloseTo(300, within(1e-9)); // handlers and network threads
        assertThat(split.producerMicros()).isCloseTo(60, within(1e-9)); // every producer's network thread
        // The rest is what the groups leave of the process's figure (here the coordinator's 80 µs, and others').
        assertThat(split.restMicros()).isCloseTo(3_000 - 1_000 - 800 - 500 - 300 - 60, within(1e-9));
        assertThat(split.describe()).isEqualTo(
                "stream threads 1000.0, JIT 800.0, collector 500.0, broker 300.0, producers 60.0, rest 340.0 µs per run");
    }

    @Test
    void withoutThreadFiguresOnlyTheStreamThreadsAndTheRestAreKnown() {
        PerRunCost cost = new PerRunCost(40, 50, OptionalDouble.of(15));

        CpuSplit split = CpuSplit.of(cost, ThreadCpu.Usage.UNKNOWN, ELAPSED, RUNS);

        assertThat(split.streamMicros()).isEqualTo(15);
        assertThat(split.jitMicros()).isZero();
        assertThat(split.gcMicros()).isZero();
        assertThat(split.restMicros()).isEqualTo(25);
    }

    @Test
    void refusesAMeasureWithoutRuns() {
        assertThatThrownBy(() -> CpuSplit.of(new PerRunCost(1, 1, OptionalDouble.empty()),
                ThreadCpu.Usage.UNKNOWN, ELAPSED, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
