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
    void stopsOnlyAfterTwoPassesInARowRanOnCompiledCode() throws Exception {
        List<Integer> ran = new ArrayList<>();
        double[] jitPerPass = {0.8, 0.1, 0.4, 0.12, 0.05, 0.01};
        WarmUp<ThreadCpu.Usage> warmUp = WarmUp.run(pass -> {
            ran.add(pass);
            return jit(jitPerPass[pass - 1]);
        }, usage -> usage);

        assertThat(ran).as("a lone quiet pass (2) between two busy ones does not end it")
                .containsExactly(1, 2, 3, 4, 5);
        assertThat(warmUp.count()).isEqualTo(5);
        assertThat(warmUp.settled()).isTrue();
        assertThat(warmUp.lastJit()).isEqualTo(0.05);
        assertThat(warmUp.describe("Sent", usage -> 1000)).startsWith("Sent 5 times before the measure")
                .contains("in 2 passes in a row").contains("1,000, 1,000, 1,000, 1,000, 1,000 records/s")
                .contains("JIT 0.80, 0.10, 0.40, 0.12, 0.05 cores").doesNotContain("STILL COMPILING");
    }

    @Test
    void givesUpAfterTheMostPassesSayingItIsStillCompiling() throws Exception {
        WarmUp<ThreadCpu.Usage> warmUp = WarmUp.run(pass -> jit(pass % 2 == 0 ? 0.1 : 0.9), usage -> usage);

        assertThat(warmUp.count()).isEqualTo(WarmUp.MAX_PASSES);
        assertThat(warmUp.settled()).isFalse();
        assertThat(warmUp.describe("Sent", usage -> 1000))
                .endsWith("It stopped at its cap of " + WarmUp.MAX_PASSES + " passes STILL COMPILING (JIT "
                        + (WarmUp.MAX_PASSES % 2 == 0 ? "0.10" : "0.90") + " cores in the last pass): the measure "
                        + "that follows ran beside the compiler.");
    }

    @Test
    void aWarmUpWithItsOwnCapRunsUpToItAndSaysSo() throws Exception {
        int cap = WarmUp.MAX_PASSES + 3;
        List<Integer> ran = new ArrayList<>();
        WarmUp<ThreadCpu.Usage> warmUp = WarmUp.run(pass -> {
            ran.add(pass);
            return jit(0.5);
        }, usage -> usage, cap);

        assertThat(ran).as("passes past the shared cap").hasSize(cap);
        assertThat(warmUp.settled()).isFalse();
        assertThat(warmUp.describe("Sent", usage -> 1000)).contains("(at most " + cap + " times)")
                .contains("It stopped at its cap of " + cap + " passes STILL COMPILING");
        assertThat(WarmUp.rule(" during a pass", cap)).endsWith("during a pass in 2 passes in a row (at most "
                + cap + " times)");
    }

    @Test
    void runsOnceWhenTheJitIsNotMeasured() throws Exception {
        WarmUp<ThreadCpu.Usage> warmUp = WarmUp.run(pass -> ThreadCpu.Usage.UNKNOWN, usage -> usage);

        assertThat(warmUp.count()).isEqualTo(1);
        assertThat(warmUp.settled()).isTrue();
    }
}
