package io.chimera.insight.report.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.platform.ops.PipelineReadings;
import io.chimera.insight.platform.ops.PipelineReadings.Buckets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpsHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-05T04:00:00Z");
    private static final double[] BOUNDS = {100, 1000, 10_000};

    private static OpsHistory.Sample sample(int second, double files, long lagCount, double[] lagCumulative) {
        PipelineReadings readings = new PipelineReadings(Optional.of(files), Optional.empty(), Map.of("report", 0.0),
                Map.of("gpu", 1.0), Optional.of(new Buckets(lagCount, BOUNDS, lagCumulative)), Optional.empty(),
                Optional.empty());
        return new OpsHistory.Sample(T0.plusSeconds(second), readings);
    }

    @Test
    void ratesAndQuantilesAreOverTheLastWindowOnly() {
        List<OpsHistory.Sample> samples = List.of(
                sample(0, 0, 100, new double[] {0, 0, 100}), // a minute of slow reports, long ago
                sample(60, 100, 100, new double[] {0, 0, 100}),
                sample(70, 120, 110, new double[] {10, 10, 110})); // then ten fast ones

        OpsView view = OpsHistory.view(samples);

        assertThat(view.window()).as("the last 30 s hold two readings, 10 s apart").hasSeconds(10);
        assertThat(view.filesPerS()).isEqualTo(2.0);
        assertThat(view.runsPerS()).as("no ingest meter in this process").isNull();
        assertThat(view.lagMsP50()).as("the ten recent reports, all under 100 ms").isEqualTo(50.0);
        assertThat(view.lagMsP50Total()).as("since the start: mostly the slow ones").isGreaterThan(1000);
        assertThat(view.points()).hasSize(2);
        assertThat(view.points().get(0).filesPerS()).isCloseTo(100 / 60.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(view.points().get(1).inflight()).isEqualTo(1.0);
    }

    @Test
    void theSparklineSpansTheKeptMinutesWithNowAtTheRightEdge() {
        OpsFigures figures = OpsFigures.of(OpsHistory.view(List.of(
                sample(0, 0, 0, new double[] {0, 0, 0}), sample(300, 30, 0, new double[] {0, 0, 0}))));

        // One point: now, at the right edge, and the largest value, at the top of the scale (4 px below the edge).
        assertThat(figures.sparks().get("files-rate").points()).isEqualTo("300.0,4.0");
        assertThat(figures.sparks().get("files-rate").max()).isEqualTo("0.1 /s");
        assertThat(figures.tiles().get("lag-p50")).as("nothing recorded: a dash").isEqualTo("–");
    }
}
