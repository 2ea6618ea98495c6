package io.chimera.insight.bench.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbbaOrderTest {

    @Test
    void eachSideRunsFirstInHalfThePairs() {
        List<AbbaOrder.Run> runs = new AbbaOrder(4).runs();

        assertThat(runs).containsExactly(new AbbaOrder.Run(0, false), new AbbaOrder.Run(0, true),
                new AbbaOrder.Run(1, true), new AbbaOrder.Run(1, false),
                new AbbaOrder.Run(2, false), new AbbaOrder.Run(2, true),
                new AbbaOrder.Run(3, true), new AbbaOrder.Run(3, false));
        assertThat(new AbbaOrder(6).describe("off", "on"))
                .isEqualTo("off first in pairs 1, 3, 5, on first in pairs 2, 4, 6");
    }

    /**
     * Two identical sides on a machine that speeds up run after run (as a JIT still compiling makes it):
     * in the ABBA order the median of the paired ratios stays at 1, where A always first put every
     * pair's B, run later, ahead.
     */
    @Test
    void aSteadyTrendAcrossTheRunsLeansNeitherWay() {
        int pairs = 6;
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        List<AbbaOrder.Run> runs = new AbbaOrder(pairs).runs();
        for (int position = 0; position < runs.size(); position++) {
            double recordsPerSecond = 10_000 * Math.pow(1.05, position);
            (runs.get(position).sideB() ? b : a).add(recordsPerSecond);
        }
        PairedRatios abba = PairedRatios.of(b, a);

        // The middle two are 1/1.05 and 1.05: their mean is 1.0012, against 1.05 with A always first.
        assertThat(abba.median()).isCloseTo(1.0, within(0.002));
        assertThat(abba.min()).isCloseTo(1 / 1.05, within(1e-9));
        assertThat(abba.max()).isCloseTo(1.05, within(1e-9));
    }

    @Test
    void anOddOrNoCountOfPairsIsRefused() {
        assertThatThrownBy(() -> new AbbaOrder(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("even");
        assertThatThrownBy(() -> new AbbaOrder(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
