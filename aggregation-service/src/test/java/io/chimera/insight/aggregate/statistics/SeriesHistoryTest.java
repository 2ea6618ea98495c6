package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A history built from points already in series order with their values apart (as an evaluation
 * builds each metric's series from its configuration's placed runs) reads and trims as the history
 * sorted from points carrying their values does.
 */
class SeriesHistoryTest {

    @Test
    void anOrderedHistoryReadsAndTrimsAsTheSortedOne() {
        List<SeriesPoint> places = new ArrayList<>();
        List<SeriesPoint> valued = new ArrayList<>();
        double[] values = new double[12];
        for (int i = 0; i < 12; i++) {
            SeriesPoint place = new SeriesPoint("r" + i, "f" + i / 4, "sha", "p", i, Double.NaN, 1_000L * i,
                    SeriesPoint.UNKNOWN, 0);
            places.add(place);
            values[i] = 10 + i % 3;
            valued.add(0, place.withValue(values[i]));
        }
        SeriesHistory sorted = new SeriesHistory(valued, SeriesPoint.UNKNOWN);
        SeriesHistory ordered = SeriesHistory.ordered(new ArrayList<>(places), values.clone(), SeriesPoint.UNKNOWN);
        assertThat(ordered.values()).containsExactly(sorted.values());
        assertThat(ordered.positionOf("r7", places.get(7))).isEqualTo(sorted.positionOf("r7", places.get(7)));

        HistoryBound bound = new HistoryBound(8, Duration.ofDays(1));
        assertThat(ordered.trim(bound)).containsExactlyElementsOf(places.subList(0, 4));
        sorted.trim(bound);
        assertThat(ordered.values()).containsExactly(sorted.values());
        assertThat(ordered.size()).isEqualTo(8);
        assertThat(ordered.trimmedThrough()).isEqualTo(sorted.trimmedThrough()).isEqualTo(3_000L);
    }

    @Test
    void anOrderedHistoryNeedsAValuePerPoint() {
        SeriesPoint place = new SeriesPoint("r", "f", "sha", "p", 0, Double.NaN, 0, SeriesPoint.UNKNOWN, 0);
        assertThatThrownBy(() -> SeriesHistory.ordered(new ArrayList<>(List.of(place)), new double[2], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 points with 2 values");
    }
}
