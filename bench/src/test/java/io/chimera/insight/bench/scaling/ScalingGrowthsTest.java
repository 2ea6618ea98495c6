package io.chimera.insight.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.bench.kafka.RecordSizes.TopicSizes;
import io.chimera.insight.bench.result.Figure;
import io.chimera.insight.bench.result.PerRunCost;
import io.chimera.insight.bench.result.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScalingGrowthsTest {

    private static final long RUNS = 60_000;
    /** The rows a configurations series always has, in order: ingest and aggregation (its first pass). */
    private static final List<String> SERIES_ROWS = List.of(
            "ingest CPU per run as one model's configurations grow: most growth over the first point",
            "ingest wall per run as one model's configurations grow: most growth over the first point",
            "aggregation CPU per run as one model's configurations grow: most growth over the first point",
            "aggregation stream threads' CPU per run as one model's configurations grow: most growth over the first point",
            "aggregation wall per run as one model's configurations grow: most growth over the first point");

    /** {@code processMicros} and {@code streamMicros} of CPU per run over {@link #RUNS} runs in 3 s. */
    private static PerRunCost cost(double processMicros, double streamMicros) {
        return PerRunCost.of(Math.round(processMicros * 1e3 * RUNS), Duration.ofSeconds(3), RUNS)
                .withStreamThreads(Math.round(streamMicros * 1e3 * RUNS), RUNS);
    }

    /** A configurations point whose aggregation took {@code processMicros} and {@code streamMicros} of CPU per run. */
    private static ScalingPoint point(String label, double processMicros, double streamMicros) {
        return point(label, Optional.of(cost(processMicros, streamMicros)));
    }

    private static ScalingPoint point(String label, Optional<PerRunCost> aggregation) {
        PerRunCost ingest = PerRunCost.of(600_000_000L, Duration.ofSeconds(1), RUNS);
        return new ScalingPoint(label, 600, RUNS, ingest, aggregation, Optional.empty(), Optional.empty(), 0, 0,
                new TopicSizes(0, 0, 0), Map.of(), Duration.ofSeconds(10));
    }

    /**
     * A configurations point of two passes: {@code firstMicros} of process CPU a run making its configurations,
     * {@code heldMicros} a run with them held; the stream threads' at half of each.
     */
    private static ScalingPoint twoPasses(String label, int configurations, double firstMicros, double heldMicros) {
        ScalingPoint first = point(label, firstMicros, firstMicros / 2);
        PerRunCost held = cost(heldMicros, heldMicros / 2);
        return new ScalingPoint(first.label(), first.files(), first.runs(), first.ingest(), first.aggregation(),
                first.refusal(), first.timedOut(), 0, 0, first.changelogs(), first.topics(), first.took(),
                Optional.of(new HeldPass(configurations, held)));
    }

    /** {@link #twoPasses}, then a third pass of {@code fewMicros} a run into a few of the configurations held. */
    private static ScalingPoint threePasses(String label, int configurations, double firstMicros, double heldMicros,
                                            double fewMicros) {
        ScalingPoint two = twoPasses(label, configurations, firstMicros, heldMicros);
        PerRunCost few = cost(fewMicros, fewMicros / 4);
        return new ScalingPoint(two.label(), two.files(), two.runs(), two.ingest(), two.aggregation(), two.refusal(),
                two.timedOut(), 0, 0, two.changelogs(), two.topics(), two.took(),
                Optional.of(two.held().orElseThrow().withFewTouched(few)));
    }

    private static Figure row(List<Figure> rows, String startsWith) {
        return rows.stream().filter(f -> f.name().startsWith(startsWith)).findFirst().orElseThrow();
    }

    @Test
    void theStreamThreadsOwnCpuGetsAGrowthRowOfItsOwnBesideTheJudgedProcessCpu() {
        // scaling5's profile: the process's CPU grew 2.3× where the stream thread's grew far less.
        List<Figure> rows = ScalingGrowths.of(List.of(point("10 configurations", 40.0, 26.0),
                point("1,000 configurations", 44.0, 27.0), point("20,000 configurations", 92.0, 39.0)),
                "as one model's configurations grow");

        Figure process = row(rows, "aggregation CPU per run");
        Figure streams = row(rows, "aggregation stream threads' CPU per run");
        assertThat(process.verdict()).isEqualTo(Verdict.MISS);
        assertThat(process.value()).startsWith("2.30×").contains("20,000 configurations: 92.0 µs");
        assertThat(streams.verdict()).isEqualTo(Verdict.INFO);
        assertThat(streams.value()).startsWith("1.50×").contains("10 configurations: 26.0 µs")
                .contains("20,000 configurations: 39.0 µs").endsWith("; informative");
        assertThat(rows).extracting(Figure::name).containsExactlyElementsOf(SERIES_ROWS);
    }

    @Test
    void aFailedAggregationLeavesTheStreamThreadsRowWithoutItsCostAndTheProcessRowMisses() {
        List<Figure> rows = ScalingGrowths.of(List.of(point("10 configurations", 40.0, 26.0),
                point("20,000 configurations", Optional.empty())), "as one model's configurations grow");

        assertThat(row(rows, "aggregation CPU per run").verdict()).isEqualTo(Verdict.MISS);
        assertThat(row(rows, "aggregation stream threads' CPU per run").value())
                .contains("20,000 configurations: failed").contains("a point failed");
        assertThat(row(rows, "aggregation stream threads' CPU per run").verdict()).isEqualTo(Verdict.INFO);
    }

    @Test
    void secondPassesAddTheirOwnInformativeRowsAndLeaveTheJudgedRowAsItWas() {
        List<ScalingPoint> points = List.of(twoPasses("10 configurations", 10, 42.0, 41.0),
                twoPasses("1,000 configurations", 1_000, 44.0, 42.0),
                twoPasses("20,000 configurations", 20_000, 102.0, 60.0));

        List<Figure> rows = ScalingGrowths.of(points, "as one model's configurations grow");

        Figure judged = row(rows, "aggregation CPU per run as one model's");
        assertThat(judged.verdict()).isEqualTo(Verdict.MISS);
        assertThat(judged.value()).startsWith("2.43×").contains("20,000 configurations: 102.0 µs");
        Figure held = row(rows, "aggregation CPU per run with the configurations held");
        assertThat(held.verdict()).isEqualTo(Verdict.INFO);
        assertThat(held.value()).startsWith("1.46×").contains("band 1.46×")
                .contains("10 configurations: 41.0 µs").contains("20,000 configurations: 60.0 µs").endsWith("; informative");
        assertThat(row(rows, "aggregation stream threads' CPU per run with the configurations held").value())
                .contains("20,000 configurations: 30.0 µs");
        // (42 − 41) × 60,000 ÷ 10 = 6,000; (44 − 42) × 60,000 ÷ 1,000 = 120; (102 − 60) × 60,000 ÷ 20,000 = 126
        Figure life = row(rows, "a configuration's life beyond its runs, aggregation CPU");
        assertThat(life.verdict()).isEqualTo(Verdict.INFO);
        assertThat(life.value()).contains("10 configurations: 6,000.0 µs").contains("1,000 configurations: 120.0 µs")
                .contains("20,000 configurations: 126.0 µs").contains("band 50.00×").endsWith("; informative");
        assertThat(row(rows, "a configuration's life beyond its runs, stream threads' CPU").value())
                .contains("20,000 configurations: 63.0 µs");
        assertThat(rows).extracting(Figure::name).hasSize(9).startsWith(SERIES_ROWS.toArray(String[]::new));
    }

    @Test
    void thirdPassesAddTheirOwnInformativeRowsFromTheirOwnCostsAndLeaveTheJudgedRowAsItWas() {
        // scale13's experiment: a run into 10 of 20,000 configurations held cost about what it cost with 10 held.
        List<ScalingPoint> points = List.of(threePasses("10 configurations", 10, 42.0, 41.0, 30.0),
                threePasses("1,000 configurations", 1_000, 44.0, 42.0, 33.0),
                threePasses("20,000 configurations", 20_000, 102.0, 99.0, 24.0));

        List<Figure> rows = ScalingGrowths.of(points, "as one model's configurations grow");

        Figure judged = row(rows, "aggregation CPU per run as one model's");
        assertThat(judged.verdict()).isEqualTo(Verdict.MISS);
        assertThat(judged.value()).startsWith("2.43×");
        Figure few = row(rows, "aggregation CPU per run with the configurations held and 10 touched");
        assertThat(few.verdict()).isEqualTo(Verdict.INFO);
        assertThat(few.value()).startsWith("1.10×").contains("10 configurations: 30.0 µs")
                .contains("1,000 configurations: 33.0 µs").contains("20,000 configurations: 24.0 µs")
                .endsWith("; informative");
        assertThat(row(rows, "aggregation stream threads' CPU per run with the configurations held and 10 touched")
                .value()).contains("10 configurations: 7.5 µs").contains("20,000 configurations: 6.0 µs");
        assertThat(row(rows, "aggregation CPU per run with the configurations held (second pass").value())
                .startsWith("2.41×");
        assertThat(rows).hasSize(11);
    }

    @Test
    void secondPassesWithoutThirdHaveNoTouchedRows() {
        List<Figure> rows = ScalingGrowths.of(List.of(twoPasses("10 configurations", 10, 42.0, 41.0),
                twoPasses("20,000 configurations", 20_000, 102.0, 60.0)), "as one model's configurations grow");

        assertThat(rows).extracting(Figure::name).noneMatch(n -> n.contains("touched"));
    }

    @Test
    void aLifeAtOrBelowZeroGetsNoRatioButItsValuesStillShow() {
        List<Figure> rows = ScalingGrowths.of(List.of(twoPasses("10 configurations", 10, 41.0, 42.0),
                twoPasses("20,000 configurations", 20_000, 102.0, 60.0)), "as one model's configurations grow");

        Figure life = row(rows, "a configuration's life beyond its runs, aggregation CPU");
        assertThat(life.value()).startsWith("no ratio: a point is not positive")
                .contains("10 configurations: -6,000.0 µs").contains("20,000 configurations: 126.0 µs")
                .doesNotContain("band").endsWith("; informative");
    }

    @Test
    void aSeriesWithoutSecondPassesHasNoHeldRows() {
        List<Figure> rows = ScalingGrowths.of(List.of(point("1,000 files", 40.0, 26.0), point("10,000 files", 41.0, 27.0)),
                "as the files grow");

        assertThat(rows).extracting(Figure::name).noneMatch(n -> n.contains("held") || n.contains("life"));
    }

    @Test
    void noPointsNoRows() {
        assertThat(ScalingGrowths.of(List.of(), "as the files grow")).isEmpty();
    }
}
