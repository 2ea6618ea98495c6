package io.chimera.insight.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.bench.result.ThreadCpu;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RunPairTest {

    private static AggregationProbe.Result run(double jitCores) {
        return new AggregationProbe.Result(Duration.ofSeconds(2), 0, 0, 0, new TreeMap<>(),
                new ThreadCpu.Usage(Map.of("main", 1.0), 0.02, jitCores, true));
    }

    /**
     * The detection cost's warm-up: a pass whose "off" run ran compiled but whose "on" run still had the
     * JIT compiling detection's paths does not count as settled; two passes in a row with both settled end it.
     */
    @Test
    void aWarmUpPassCountsAsCompiledOnlyWhenBothRunsWere() throws Exception {
        double[][] jitPerPass = {{0.05, 0.4}, {0.1, 0.3}, {0.1, 0.12}, {0.01, 0.01}, {0.5, 0.5}};
        List<Integer> ran = new ArrayList<>();
        WarmUp<RunPair> warmUp = WarmUp.run(pass -> {
            ran.add(pass);
            return new RunPair(run(jitPerPass[pass - 1][0]), run(jitPerPass[pass - 1][1]));
        }, RunPair::jvm);

        assertThat(ran).containsExactly(1, 2, 3, 4);
        assertThat(warmUp.jitOf(0)).isEqualTo(0.4);
        assertThat(warmUp.jitOf(1)).isEqualTo(0.3);
        assertThat(warmUp.jitOf(2)).isEqualTo(0.12);
        assertThat(warmUp.lastJit()).isEqualTo(0.01);
        assertThat(RunPair.jvm(run(0.4))).isEqualTo("JIT 0.40, GC 0.02 cores");
    }
}
