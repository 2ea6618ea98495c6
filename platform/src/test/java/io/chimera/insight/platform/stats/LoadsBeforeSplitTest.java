package io.chimera.insight.platform.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadsBeforeSplitTest {

    private static ModelMetrics model(long loadRuns, String unit, ColdStart cold) {
        return ModelMetrics.newBuilder(StatsFixtures.model("m", List.of()))
                .setMetrics(loadRuns == 0 ? Map.of() : Map.of(CanonicalMetric.LOAD_DURATION_MS.canonicalName(),
                        StatsFixtures.stats(unit, loadRuns, 60, 10)))
                .setColdStart(cold).build();
    }

    @Test
    void runsWithALoadDurationThatTheSplitDoesNotHoldAreCounted() {
        ColdStart none = ColdStart.newBuilder().setStatus(ColdStartStatus.NO_LOAD_DURATION).setUnclassifiedRuns(5).build();
        ColdStart partly = ColdStart.newBuilder().setStatus(ColdStartStatus.CLASSIFIED).setColdRuns(1).setWarmRuns(2)
                .setUnclassifiedRuns(4).build();

        // All 5 load durations predate the split; 3 of 7 are split, so 4 predate it.
        assertThat(LoadsBeforeSplit.runs(model(5, "ms", none))).isEqualTo(5);
        assertThat(LoadsBeforeSplit.runs(model(7, "ms", partly))).isEqualTo(4);
        // Every load duration split, or none reported at all: nothing to re-ingest.
        assertThat(LoadsBeforeSplit.runs(model(3, "ms", partly))).isZero();
        assertThat(LoadsBeforeSplit.runs(model(0, "ms", none))).isZero();
        // A load duration in another unit never enters the split, so it says nothing about the state's age.
        assertThat(LoadsBeforeSplit.runs(model(5, "s", none))).isZero();
        // An aggregation that does not split at all.
        assertThat(LoadsBeforeSplit.runs(model(5, "ms", null))).isZero();
    }
}
