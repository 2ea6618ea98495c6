package io.chimera.insight.platform.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FigureFormat#oneDecimal} writes what {@code String.format(Locale.ROOT, "%.1f", value)} writes. */
class FigureFormatOneDecimalTest {

    private static String formatter(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    @Test
    void sameTextAsTheFormatterOverManyMagnitudes() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            // log-uniform from 10^-3 to 10^16: ratios of variances, and past the fast path's range
            double value = Math.pow(10, -3 + 19 * random.nextDouble());
            assertThat(FigureFormat.oneDecimal(value)).as("%s", value).isEqualTo(formatter(value));
        }
    }

    @Test
    void sameTextAtAndNearHalves() {
        for (int tenths = 0; tenths < 20_000; tenths++) {
            double half = (tenths + 0.5) / 10; // 0.05, 0.15 … as doubles, some just below the half, some above
            for (double value : new double[] {half, Math.nextDown(half), Math.nextUp(half)}) {
                assertThat(FigureFormat.oneDecimal(value)).as("%s", value).isEqualTo(formatter(value));
            }
        }
        for (double value : new double[] {4.25, 4.35, 4.45, 1.05, 2.675, 0.0, 9.95, 99.95, 1e14 + 0.25}) {
            assertThat(FigureFormat.oneDecimal(value)).as("%s", value).isEqualTo(formatter(value));
        }
    }

    @Test
    void negativeAndNonFiniteValuesAsTheFormatterWritesThem() {
        for (double value : new double[] {-0.0, -4.25, -7.96, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE}) {
            assertThat(FigureFormat.oneDecimal(value)).as("%s", value).isEqualTo(formatter(value));
        }
    }
}
