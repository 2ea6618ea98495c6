package io.chimera.insight.bench.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CostGrowthTest {

    private static CostGrowth.Point point(String label, double cost) {
        return new CostGrowth.Point(label, OptionalDouble.of(cost));
    }

    private static CostGrowth series(CostGrowth.Point... points) {
        return new CostGrowth("aggregation CPU", List.of(points), 1.5);
    }

    @Test
    void aCostThatFallsAsTheWorkGrowsPassesAndSaysItFalls() {
        // The quiet run's ingest series: 112.2 µs at 1,000 files, 65.5 µs at 10,000 (a band of 1.71×).
        CostGrowth growth = series(point("1,000 files", 112.2), point("10,000 files", 65.5));

        assertThat(growth.growth().getAsDouble()).isEqualTo(1.0);
        assertThat(growth.falls()).isTrue();
        assertThat(growth.band().getAsDouble()).isEqualTo(112.2 / 65.5);
        assertThat(growth.figure().verdict()).isEqualTo(Verdict.PASS);
        assertThat(growth.figure().value()).startsWith("1.00×, falls; band 1.71× (informative)")
                .contains("10,000 files: 65.5 µs");
    }

    @Test
    void aGrowthOfOnePointSixFromTheFirstPointMisses() {
        CostGrowth growth = series(point("1,000 files", 10.0), point("10,000 files", 12.0), point("50,000 files", 16.0));

        assertThat(growth.growth().getAsDouble()).isEqualTo(1.6);
        assertThat(growth.falls()).isFalse();
        assertThat(growth.figure().verdict()).isEqualTo(Verdict.MISS);
        assertThat(growth.figure().value()).startsWith("1.60×; band 1.60×");
        assertThat(growth.figure().target()).isEqualTo("≤ 1.5×");
    }

    @Test
    void aHumpInTheMiddleMissesThoughTheLastPointIsBackToTheFirst() {
        CostGrowth growth = series(point("10 configurations", 50.0), point("1,000 configurations", 80.0),
                point("20,000 configurations", 50.0));

        assertThat(growth.growth().getAsDouble()).isEqualTo(1.6);
        assertThat(growth.falls()).isFalse();
        assertThat(growth.figure().verdict()).isEqualTo(Verdict.MISS);
    }

    @Test
    void aGrowthWithinTheMostPassesAndIsNotCalledAFall() {
        CostGrowth growth = series(point("a", 10.0), point("b", 8.0), point("c", 14.9));

        assertThat(growth.growth().getAsDouble()).isEqualTo(14.9 / 10.0);
        assertThat(growth.falls()).isFalse();
        assertThat(growth.band().getAsDouble()).isEqualTo(14.9 / 8.0);
        assertThat(growth.figure().verdict()).isEqualTo(Verdict.PASS);
        assertThat(growth.figure().value()).startsWith("1.49×; band 1.86× (informative)");
    }

    @Test
    void theGrowthIsMeasuredFromTheFirstPointNotFromTheCheapest() {
        // The band (16 ÷ 9 = 1.78×) would miss; from the first point the cost grows 1.33×.
        CostGrowth growth = series(point("1,000 files", 12.0), point("10,000 files", 9.0), point("50,000 files", 16.0));

        assertThat(growth.growth().getAsDouble()).isEqualTo(16.0 / 12.0);
        assertThat(growth.figure().verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aFailedPointMakesTheSeriesMissEvenWhenTheOthersFall() {
        CostGrowth growth = series(point("10 configurations", 10.0), point("1,000 configurations", 9.0),
                new CostGrowth.Point("20,000 configurations", OptionalDouble.empty()));

        assertThat(growth.failed()).isTrue();
        assertThat(growth.falls()).isFalse();
        assertThat(growth.figure().verdict()).isEqualTo(Verdict.MISS);
        assertThat(growth.figure().value()).startsWith("1.00×; band").contains("20,000 configurations: failed")
                .endsWith("a point failed");
    }

    @Test
    void aFailedFirstPointLeavesNothingToGrowFromAndMisses() {
        CostGrowth growth = series(new CostGrowth.Point("1,000 files", OptionalDouble.empty()), point("10,000 files", 9.0),
                point("50,000 files", 9.5));

        assertThat(growth.growth()).isEmpty();
        assertThat(growth.figure().verdict()).isEqualTo(Verdict.MISS);
        assertThat(growth.figure().value()).startsWith("—").endsWith("a point failed");
    }

    @Test
    void onePointAloneIsNotJudged() {
        CostGrowth growth = series(point("1,000 files", 12.0));

        assertThat(growth.growth()).isEmpty();
        assertThat(growth.figure().verdict()).isEqualTo(Verdict.INFO);
    }

    @Test
    void aPerRunCostDividesCpuAndWallByTheRuns() {
        PerRunCost cost = PerRunCost.of(3_000_000_000L, Duration.ofSeconds(2), 100_000);

        assertThat(cost.cpuMicros()).isEqualTo(30.0);
        assertThat(cost.wallMicros()).isEqualTo(20.0);
        assertThat(cost.describe()).isEqualTo("30.0 µs CPU, 20.0 µs wall");
    }

    @Test
    void aPerRunCostWithItsStreamThreadsDividesTheirCpuByTheSameRunsAndShowsIt() {
        PerRunCost cost = PerRunCost.of(3_000_000_000L, Duration.ofSeconds(2), 100_000)
                .withStreamThreads(1_250_000_000L, 100_000);

        assertThat(cost.cpuMicros()).isEqualTo(30.0);
        assertThat(cost.streamThreadMicros()).hasValue(12.5);
        assertThat(cost.describe()).isEqualTo("30.0 µs CPU (stream threads 12.5 µs), 20.0 µs wall");
        assertThat(PerRunCost.of(3_000_000_000L, Duration.ofSeconds(2), 100_000).streamThreadMicros()).isEmpty();
    }

    @Test
    void anInformativeRowShowsTheSameGrowthWithoutAVerdict() {
        CostGrowth growth = series(point("10 configurations", 20.0), point("20,000 configurations", 40.0));

        assertThat(growth.figure().verdict()).isEqualTo(Verdict.MISS);
        assertThat(growth.informative().verdict()).isEqualTo(Verdict.INFO);
        assertThat(growth.informative().value()).isEqualTo(growth.figure().value() + "; informative")
                .startsWith("2.00×");
    }
}
