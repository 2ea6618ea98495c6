package io.chimera.insight.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.bench.result.ThreadCpu;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    private static ThreadCpu.Usage jit(double cores) {
        return new ThreadCpu.Usage(Map.of("main", 1.0), 0.1, cores, true);
    }

    @Test
    void stopsAtTheFirstPassThatRanOnCompiledCode() throws Exception {
        List<Integer> ran = new ArrayList<>();
        double[] jitPerPass = {0.8, 0.4, 0.1, 0.05};
        WarmUp<ThreadCpu.Usage> warmUp = WarmUp.run(pass -> {
            ran.add(pass);
            return jit(jitPerPass[pass - 1]);
        }, usage -> usage);

        assertThat(ran).containsExactly(1, 2, 3);
        assertThat(warmUp.count()).isEqualTo(3);
        assertThat(warmUp.lastJit()).isEqualTo(0.1);
        assertThat(warmUp.describe("Sent", usage -> 1000)).startsWith("Sent 3 times before the measure")
                .contains("1,000, 1,000, 1,000 records/s").contains("JIT 0.80, 0.40, 0.10 cores");
    }

    @Test
    void givesUpAfterTheMostPassesAndRunsOnceWhenTheJitIsNotMeasured() throws Exception {
        assertThat(WarmUp.run(pass -> jit(0.9), usage -> usage).count()).isEqualTo(WarmUp.MAX_PASSES);
        assertThat(WarmUp.run(pass -> ThreadCpu.Usage.UNKNOWN, usage -> usage).count()).isEqualTo(1);
    }
}
