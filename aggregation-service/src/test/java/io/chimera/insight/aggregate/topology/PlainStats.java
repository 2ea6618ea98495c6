package io.chimera.insight.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimera.insight.events.MetricStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Expected statistics of a list of values, computed the plain way (two passes over a list, a
 * sorted copy for ranks) so tests never check production arithmetic against itself.
 */
public final class PlainStats {

    /** Exact figures are compared at this relative tolerance. */
    public static final double EXACT = 1e-9;
    /** DDSketch guarantee at 1%, plus room for floating-point rounding of the bin bounds. */
    public static final double SKETCH = 0.01 + 1e-9;

    private final List<Double> sorted;
    private final double mean;
    private final double sampleStddev;

    public PlainStats(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        this.sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        this.mean = sum / values.size();
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        this.sampleStddev = values.size() < 2 ? 0.0 : Math.sqrt(squares / (values.size() - 1));
    }

    long count() {
        return sorted.size();
    }

    public double mean() {
        return mean;
    }

    public double stddev() {
        return sampleStddev;
    }

    public double min() {
        return sorted.get(0);
    }

    public double max() {
        return sorted.get(sorted.size() - 1);
    }

    /**
     * The q-quantile as the DDSketch paper defines it (Masson, Rim and Lee, VLDB 2019): the value
     * of 1-based rank floor(1 + q(n-1)) in the sorted list. It is the nearest-rank value of the
     * n-1 gaps between sorted values, so the median of an even count is its lower middle value.
     */
    public double rankQuantile(double q) {
        return sorted.get((int) Math.floor(q * (sorted.size() - 1)));
    }

    /** Asserts every field of {@code stats} against these figures. */
    public void assertMatches(MetricStats stats, String unit) {
        assertThat(stats.getUnit()).isEqualTo(unit);
        assertThat(stats.getCount()).isEqualTo(count());
        assertRelative(stats.getMean(), mean(), EXACT, "mean");
        assertRelative(stats.getStddev(), stddev(), EXACT, "stddev");
        assertThat(stats.getMin()).isEqualTo(min());
        assertThat(stats.getMax()).isEqualTo(max());
        assertRelative(stats.getP50(), rankQuantile(0.50), SKETCH, "p50");
        assertRelative(stats.getP90(), rankQuantile(0.90), SKETCH, "p90");
        assertRelative(stats.getP95(), rankQuantile(0.95), SKETCH, "p95");
        assertRelative(stats.getP99(), rankQuantile(0.99), SKETCH, "p99");
    }

    public static void assertRelative(double actual, double expected, double relative, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(Math.abs(expected) * relative + 1e-12));
    }
}
