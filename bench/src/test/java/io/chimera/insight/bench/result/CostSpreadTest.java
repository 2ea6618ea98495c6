package io.chimera.insight.bench.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CostSpreadTest {

    private static CostSpread.Point point(String label, double cost) {
        return new CostSpread.Point(label, OptionalDouble.of(cost));
    }

    @Test
    void theRatioIsTheLargestCostOverTheSmallestWhateverTheirOrder() {
        CostSpread spread = new CostSpread("ingest CPU", List.of(point("1,000 files", 12.0), point("10,000 files", 9.0),
                point("50,000 files", 15.0)), 1.5);

        assertThat(spread.ratio().getAsDouble()).isEqualTo(15.0 / 9.0);
        assertThat(spread.figure().verdict()).isEqualTo(Verdict.MISS);
        assertThat(spread.figure().value()).startsWith("1.67×").contains("10,000 files: 9.0 µs");
    }

    @Test
    void withinTheMostItPasses() {
        CostSpread spread = new CostSpread("ingest CPU", List.of(point("a", 10.0), point("b", 14.9)), 1.5);

        assertThat(spread.figure().verdict()).isEqualTo(Verdict.PASS);
        assertThat(spread.figure().target()).isEqualTo("≤ 1.5×");
    }

    @Test
    void aFailedPointMakesTheSeriesMissEvenWhenTheOthersAreFlat() {
        CostSpread spread = new CostSpread("aggregation CPU", List.of(point("10 configurations", 10.0),
                point("1,000 configurations", 10.5), new CostSpread.Point("20,000 configurations", OptionalDouble.empty())),
                1.5);

        assertThat(spread.failed()).isTrue();
        assertThat(spread.ratio().getAsDouble()).isEqualTo(1.05);
        assertThat(spread.figure().verdict()).isEqualTo(Verdict.MISS);
        assertThat(spread.figure().value()).contains("20,000 configurations: failed").endsWith("a point failed");
    }

    @Test
    void onePointAloneIsNotJudged() {
        CostSpread spread = new CostSpread("ingest CPU", List.of(point("1,000 files", 12.0)), 1.5);

        assertThat(spread.ratio()).isEmpty();
        assertThat(spread.figure().verdict()).isEqualTo(Verdict.INFO);
    }

    @Test
    void aPerRunCostDividesCpuAndWallByTheRuns() {
        PerRunCost cost = PerRunCost.of(3_000_000_000L, Duration.ofSeconds(2), 100_000);

        assertThat(cost.cpuMicros()).isEqualTo(30.0);
        assertThat(cost.wallMicros()).isEqualTo(20.0);
        assertThat(cost.describe()).isEqualTo("30.0 µs CPU, 20.0 µs wall");
    }
}
