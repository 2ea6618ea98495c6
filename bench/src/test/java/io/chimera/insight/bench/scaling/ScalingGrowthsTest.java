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

    /** A configurations point whose aggregation took {@code processMicros} and {@code streamMicros} of CPU per run. */
    private static ScalingPoint point(String label, double processMicros, double streamMicros) {
        PerRunCost aggregation = PerRunCost.of(Math.round(processMicros * 1e3 * RUNS), Duration.ofSeconds(3), RUNS)
                .withStreamThreads(Math.round(streamMicros * 1e3 * RUNS), RUNS);
        return point(label, Optional.of(aggregation));
    }

    private static ScalingPoint point(String label, Optional<PerRunCost> aggregation) {
        PerRunCost ingest = PerRunCost.of(600_000_000L, Duration.ofSeconds(1), RUNS);
        return new ScalingPoint(label, 600, RUNS, ingest, aggregation, Optional.empty(), Optional.empty(), 0, 0,
                new TopicSizes(0, 0, 0), Map.of(), Duration.ofSeconds(10));
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
        assertThat(rows).extracting(Figure::name).containsExactly(
                "ingest CPU per run as one model's configurations grow: most growth over the first point",
                "ingest wall per run as one model's configurations grow: most growth over the first point",
                "aggregation CPU per run as one model's configurations grow: most growth over the first point",
                "aggregation stream threads' CPU per run as one model's configurations grow: most growth over the first point",
                "aggregation wall per run as one model's configurations grow: most growth over the first point");
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
    void noPointsNoRows() {
        assertThat(ScalingGrowths.of(List.of(), "as the files grow")).isEmpty();
    }
}
