package io.chimera.insight.analysis.prompt;

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
    void displayedIsTheNumberAsWritten() {
        assertThat(FactFormat.displayed(4633.274)).isEqualTo(4633.27);
        assertThat(FactFormat.displayed(0.0012345)).isEqualTo(0.00123);
    }
}
