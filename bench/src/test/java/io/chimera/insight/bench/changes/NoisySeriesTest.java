package io.chimera.insight.bench.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NoisySeriesTest {

    @Test
    void theSameSeedGivesTheSameSeries() {
        assertThat(NoisySeries.withStep(new Random(5), 0.05, 30, 0.1, 10))
                .containsExactly(NoisySeries.withStep(new Random(5), 0.05, 30, 0.1, 10));
    }

    @Test
    void levelsAndNoiseAreThoseAsked() {
        double[] values = NoisySeries.withStep(new Random(9), 0.02, 20_000, -0.10, 20_000);
        double[] before = java.util.Arrays.copyOfRange(values, 0, 20_000);
        double[] after = java.util.Arrays.copyOfRange(values, 20_000, 40_000);
        // 20,000 draws: the mean is within 4 standard errors (0.02 * 1000 / sqrt(20000) = 0.14) of its level
        assertThat(mean(before)).isCloseTo(1000, within(0.6));
        assertThat(mean(after)).isCloseTo(900, within(0.6));
        assertThat(stddev(before) / 1000).isCloseTo(0.02, within(0.001));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double stddev(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }
}
