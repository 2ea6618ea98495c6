package io.chimera.insight.analysis.prompt;

import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.ChangeSegment;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The gemma3 270m sweep ({@link SweepFixture}) with hand-built performance changes: a regression of
 * tokens/s (295 → 259.6, −12 %, first run 2026-11-27T12:00:00Z), an older improvement of TTFT (80 →
 * 61 ms, −23.75 %, 2026-11-26T08:00:00Z), and a change of tokens/s this evaluation retracted
 * (300 → 270, 2026-11-25T09:00:00Z); 72 series watched.
 */
public final class ChangesFixture {

    public static final Map<String, String> CONFIG = Map.of("num_ctx", "1024", "num_gpu", "999", "temperature", "0.2");
    public static final String CONFIG_KEY = "num_ctx=1024,num_gpu=999,temperature=0.2";

    private ChangesFixture() {
    }

    public static ModelMetrics sweepWithChanges() {
        PerformanceChange retracted = change("c-3", "tokens_per_s", "tokens/s", ChangeDirection.REGRESSION,
                segment(10, 300, 298, 302), segment(3, 270, 265, 275), -10, 3.0e-6, "runs/2026-11-25.csv",
                "2026-11-25T09:00:00Z");
        ModelChanges changes = ModelChanges.newBuilder().setWatchedSeries(72)
                .setWatchedMetrics(List.of("tokens_per_s", "ttft_ms"))
                .setStanding(List.of(
                        change("c-2", "ttft_ms", "ms", ChangeDirection.IMPROVEMENT, segment(20, 80, 78.5, 81.5),
                                segment(8, 61, 60.1, 61.9), -23.75, 1.1e-12, "runs/2026-11-26.csv", "2026-11-26T08:00:00Z"),
                        change("c-1", "tokens_per_s", "tokens/s", ChangeDirection.REGRESSION, segment(12, 295, 293.9, 296.1),
                                segment(5, 259.6, 257, 262.2), -12, 2.4e-9, "runs/2026-11-27.csv", "2026-11-27T12:00:00Z"),
                        retracted))
                .setRetracted(List.of(PerformanceChange.newBuilder(retracted).setKind(ChangeEventKind.RETRACTION)
                        .setRetractedAt(Instant.parse("2026-11-28T10:00:00Z")).build()))
                .build();
        return ModelMetrics.newBuilder(SweepFixture.gemma270mSweep()).setChanges(changes).build();
    }

    private static PerformanceChange change(String id, String metric, String unit, ChangeDirection direction,
                                            ChangeSegment before, ChangeSegment after, double percent, double p,
                                            String path, String firstRunAt) {
        return PerformanceChange.newBuilder().setChangeId(id).setModel("gemma3:270m").setConfigKey(CONFIG_KEY)
                .setConfig(CONFIG).setMetric(metric).setUnit(unit).setDirection(direction).setBefore(before).setAfter(after)
                .setChangePercent(percent).setPValue(p).setTest("Student t").setFirstRunId("id-" + path + "#row 0")
                .setFirstRunPath(path).setFirstRunFileId("id-" + path).setFirstRunAt(Instant.parse(firstRunAt))
                .setDetectedAt(Instant.parse("2026-11-28T10:00:00Z")).build();
    }

    private static ChangeSegment segment(long n, double mean, double low, double high) {
        return ChangeSegment.newBuilder().setN(n).setMean(mean).setCiLow(low).setCiHigh(high).build();
    }
}
