package io.chimera.insight.bench.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfTenSamples() {
        // sorted: 1 2 3 4 5 6 7 8 9 10; p50 is the 5th, p95 and p99 the 10th, p10 the 1st
        Percentiles p = new Percentiles(List.of(7.0, 3.0, 10.0, 1.0, 9.0, 2.0, 8.0, 4.0, 6.0, 5.0));

        assertThat(p.at(50)).isEqualTo(5.0);
        assertThat(p.at(95)).isEqualTo(10.0);
        assertThat(p.at(99)).isEqualTo(10.0);
        assertThat(p.at(10)).isEqualTo(1.0);
        assertThat(p.max()).isEqualTo(10.0);
        assertThat(p.mean()).isEqualTo(5.5);
    }

    @Test
    void aHundredSamplesPutP99OnTheNinetyNinth() {
        List<Double> samples = new java.util.ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            samples.add((double) i);
        }
        Percentiles p = new Percentiles(samples);

        assertThat(p.at(99)).isEqualTo(99.0);
        assertThat(p.at(95)).isEqualTo(95.0);
        assertThat(p.at(50)).isEqualTo(50.0);
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> new Percentiles(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
