package io.chimera.insight.analysis.prompt;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FactFormatTest {

    @Test
    void valuesOfOneOrMoreAreRoundedHalfUpToTwoDecimals() {
        assertThat(FactFormat.number(4633.274)).isEqualTo("4633.27");
        assertThat(FactFormat.number(4633.275)).isEqualTo("4633.28");
        assertThat(FactFormat.number(2.675)).isEqualTo("2.68");
        assertThat(FactFormat.number(-1.005)).isEqualTo("-1.01");
    }

    @Test
    void trailingZerosAreDroppedAndNoExponentOrGroupingIsUsed() {
        assertThat(FactFormat.number(85.2)).isEqualTo("85.2");
        assertThat(FactFormat.number(120.0)).isEqualTo("120");
        assertThat(FactFormat.number(1.0E7)).isEqualTo("10000000");
        assertThat(FactFormat.number(0.0)).isEqualTo("0");
        assertThat(FactFormat.number(-0.0)).isEqualTo("0");
    }

    @Test
    void valuesBelowOneKeepThreeSignificantDigits() {
        assertThat(FactFormat.number(0.0012345)).isEqualTo("0.00123");
        assertThat(FactFormat.number(0.7)).isEqualTo("0.7");
        assertThat(FactFormat.number(0.98765)).isEqualTo("0.988");
    }

    @Test
    void nonFiniteValuesAreWrittenAsNotAvailable() {
        assertThat(FactFormat.number(Double.NaN)).isEqualTo("n/a");
        assertThat(FactFormat.number(Double.POSITIVE_INFINITY)).isEqualTo("n/a");
    }

    @Test
    void appendNumberAppendsWhatNumberWrites() {
        for (double value : new double[] {4633.274, -85.2, 120.0, 0.0012345, -0.7, 0, 1.005, Double.NaN,
                Double.NEGATIVE_INFINITY, 1e20}) {
            assertThat(FactFormat.appendNumber(new StringBuilder("mean="), value)).as("%s", value)
                    .hasToString("mean=" + FactFormat.number(value));
        }
    }

    @Test
    void displayedIsTheNumberAsWritten() {
        assertThat(FactFormat.displayed(4633.274)).isEqualTo(4633.27);
        assertThat(FactFormat.displayed(0.0012345)).isEqualTo(0.00123);
    }

    /**
     * The double arithmetic must write exactly what the BigDecimal rule writes: random magnitudes from
     * 1e-25 to 1e16, decimals with few digits (the statistics' typical shapes), and exact halves of the
     * kept digits (1.005, 0.0012345, 2.675), which the doubles hold a little above or below the half.
     */
    @Test
    void doubleRoundingWritesWhatTheDecimalRuleWrites() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 4) {
                case 0 -> Math.pow(10, random.nextDouble(-25, 16)) * (random.nextBoolean() ? 1 : -1);
                case 1 -> random.nextLong(-10_000_000, 10_000_000) / Math.pow(10, random.nextInt(0, 8));
                case 2 -> (random.nextLong(0, 1_000_000) * 10 + 5) / Math.pow(10, random.nextInt(1, 9));
                default -> random.nextDouble() * Math.pow(10, random.nextInt(-6, 7));
            };
            String expected = FactFormat.exactly(value).toPlainString();
            assertThat(FactFormat.number(value)).as("%s", value).isEqualTo(expected);
            assertThat(FactFormat.appendNumber(new StringBuilder("x="), value)).as("%s", value)
                    .hasToString("x=" + expected);
            assertThat(FactFormat.displayed(value)).as("%s", value)
                    .isEqualTo(FactFormat.exactly(value).doubleValue());
        }
    }
}
