package io.chimera.insight.aggregate.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.statistics.ChangeSegmentStats;
import io.chimera.insight.aggregate.statistics.EmittedChange;
import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.aggregate.statistics.SeriesPoint;
import io.chimera.insight.aggregate.statistics.SeriesState;
import io.chimera.insight.events.ChangeDirection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The change-detection state values and keys survive their encodings (as a changelog restore reads them). */
class ChangeCodecsTest {

    @Test
    void aPointRoundTripsWithoutItsFileTime() {
        SeriesPoint point = new SeriesPoint("id-a.csv#row 3", "id-a.csv", "sha-a", "results/a.csv", 42L, 101.25,
                SeriesPoint.UNKNOWN, 1_700_000_000_000L, 1_700_000_500_000L);
        SeriesPointCodec codec = new SeriesPointCodec();

        SeriesPoint read = codec.decode(codec.encode(point));

        assertThat(read).isEqualTo(point.withFileModifiedAt(SeriesPoint.UNKNOWN));
    }

    @Test
    void aSeriesStateRoundTripsWithItsChanges() {
        EmittedChange change = new EmittedChange("id-b.csv#row 0", "id-b.csv", "results/b.csv", 600_000L, 7L,
                ChangeDirection.IMPROVEMENT, 0L, new ChangeSegmentStats(10, 100, 99, 101),
                new ChangeSegmentStats(2, 120, Double.NaN, Double.NaN), 0.2, 1e-6, "Welch t", 5_000L);
        SeriesState state = new SeriesState(new TreeMap<>(Map.of("num_ctx", "2048", "num_gpu", "80")), 30_000L,
                List.of(change));
        SeriesStateCodec codec = new SeriesStateCodec();

        assertThat(codec.decode(codec.encode(state))).isEqualTo(state);
    }

    @Test
    void aSeriesKeyNamesItsModelConfigAndMetric() {
        SeriesId id = new SeriesId("hf.co/org/m:Q4", "num_ctx=2048,temperature=0.8", "ttft_ms");

        assertThat(StateKeys.seriesOf(StateKeys.series(id))).isEqualTo(id);
        assertThat(StateKeys.modelOf(StateKeys.series(id))).isEqualTo("hf.co/org/m:Q4");
    }
}
