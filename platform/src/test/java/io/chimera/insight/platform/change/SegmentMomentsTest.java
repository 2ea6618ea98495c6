package io.chimera.insight.platform.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

/**
 * {@link SegmentMoments} gives what commons-math3's {@code SummaryStatistics} gives for the same
 * values, to the last bit (the comparisons' means, intervals and p-values, and so every change event,
 * are unchanged by it): on series of the shapes change detection sees, and on the edge cases.
 */
class SegmentMomentsTest {

    @Test
    void theSameBitsAsSummaryStatisticsOnNoisySeriesOfEveryLength() {
        Random random = new Random(27);
        for (int length = 0; length <= 300; length++) {
            double level = Math.pow(10, random.nextInt(7) - 2);
            double noise = 0.001 + random.nextDouble() * 0.2;
            double[] values = new double[length];
            for (int i = 0; i < length; i++) {
                values[i] = level * (1 + noise * random.nextGaussian()) + (i > length / 2 ? level * 0.1 : 0);
            }
            int from = length == 0 ? 0 : random.nextInt(length);
            assertSameBits(SegmentMoments.of(values, from, length), summary(values, from, length));
            assertSameBits(SegmentMoments.of(values, 0, length), summary(values, 0, length));
        }
    }

    @Test
    void theSameBitsOnConstantsNegativesAndSingleValues() {
        double[][] cases = {{}, {3.5}, {2, 2, 2, 2}, {-1e9, 1e-9, 0, -0.0, 7}, {1e300, -1e300, 1e300}, {0.1, 0.2, 0.3}};
        for (double[] values : cases) {
            assertSameBits(SegmentMoments.of(values, 0, values.length), summary(values, 0, values.length));
        }
    }

    @Test
    void theTwoSampleTestGivesTheSamePValue() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            double[] values = new double[10 + random.nextInt(60)];
            for (int i = 0; i < values.length; i++) {
                values[i] = 100 + random.nextGaussian() * (1 + trial % 7) + (i >= values.length / 2 ? trial % 5 : 0);
            }
            int split = values.length / 2;
            assertThat(Double.doubleToRawLongBits(new TTest().homoscedasticTTest(
                    SegmentMoments.of(values, 0, split), SegmentMoments.of(values, split, values.length))))
                    .isEqualTo(Double.doubleToRawLongBits(new TTest().homoscedasticTTest(
                            summary(values, 0, split), summary(values, split, values.length))));
        }
    }

    private static void assertSameBits(SegmentMoments moments, SummaryStatistics expected) {
        assertThat(moments.getN()).isEqualTo(expected.getN());
        assertThat(bits(moments.getMean())).isEqualTo(bits(expected.getMean()));
        assertThat(bits(moments.getVariance())).isEqualTo(bits(expected.getVariance()));
        assertThat(bits(moments.getStandardDeviation())).isEqualTo(bits(expected.getStandardDeviation()));
        assertThat(bits(moments.getSum())).isEqualTo(bits(expected.getSum()));
        assertThat(bits(moments.getMin())).isEqualTo(bits(expected.getMin()));
        assertThat(bits(moments.getMax())).isEqualTo(bits(expected.getMax()));
    }

    private static long bits(double value) {
        return Double.doubleToLongBits(value);
    }

    private static SummaryStatistics summary(double[] values, int from, int to) {
        SummaryStatistics summary = new SummaryStatistics();
        for (int i = from; i < to; i++) {
            summary.addValue(values[i]);
        }
        return summary;
    }
}
