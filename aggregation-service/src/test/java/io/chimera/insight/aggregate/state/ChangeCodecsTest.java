package io.chimera.insight.aggregate.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.statistics.ChangeFile;
import io.chimera.insight.aggregate.statistics.ChangeSegmentStats;
import io.chimera.insight.aggregate.statistics.EmittedChange;
import io.chimera.insight.aggregate.statistics.RunPoint;
import io.chimera.insight.aggregate.statistics.SeriesId;
import io.chimera.insight.aggregate.statistics.SeriesPoint;
import io.chimera.insight.aggregate.statistics.SeriesState;
import io.chimera.insight.events.ChangeDirection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The change-detection state values and keys survive their encodings (as a changelog restore reads them). */
class ChangeCodecsTest {

    @Test
    void aRunPointRoundTripsWithBothMetricsItsTimesAndItsLoad() {
        RunPoint point = new RunPoint(42L, SeriesPoint.UNKNOWN, 1_700_000_500_000L, 1002.4, new double[] {101.25, 64.72});
        RunPointCodec codec = new RunPointCodec();

        assertThat(codec.decode(codec.encode(point))).isEqualTo(point);
    }

    @Test
    void aRunPointWithoutALoadOrATtftKeepsThemUnknown() {
        RunPoint point = new RunPoint(7L, 1_700_000_000_000L, 1_700_000_500_000L, Double.NaN,
                new double[] {101.25, Double.NaN});
        RunPointCodec codec = new RunPointCodec();

        RunPoint read = codec.decode(codec.encode(point));

        assertThat(read).isEqualTo(point);
        assertThat(read.loadMs()).isNaN();
        assertThat(read.value(1)).isNaN();
    }

    /** A run point names neither its file's sha256 nor its path, nor its ids: they are the key's and the file entry's. */
    @Test
    void aRunPointIsSmallerThanTheTwoPerSeriesPointsItReplaces() {
        byte[] encoded = new RunPointCodec().encode(new RunPoint(42L, SeriesPoint.UNKNOWN, 1_700_000_500_000L, 1002.4,
                new double[] {101.25, 64.72}));

        // format byte, 3 longs, the load, a count byte and two doubles
        assertThat(encoded).hasSize(1 + 3 * 8 + 8 + 1 + 2 * 8);
    }

    @Test
    void aFileEntryRoundTrips() {
        ChangeFile file = new ChangeFile("9f2c", "results/a.csv", new TreeSet<>(List.of("num_ctx=2048", "num_ctx=4096")));
        ChangeFileCodec codec = new ChangeFileCodec();

        assertThat(codec.decode(codec.encode(file))).isEqualTo(file);
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
