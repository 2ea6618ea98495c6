package io.chimera.insight.bench.result;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void aRatioJustUnderItsTargetDoesNotReadAsTheTarget() {
        assertThat(Units.ratio(0.9497)).isEqualTo("0.949");
        assertThat(Units.ratio(0.95)).isEqualTo("0.950");
        assertThat(Units.ratio(0.034)).isEqualTo("0.034");
    }

    @Test
    void sizesAreBinary() {
        assertThat(Units.bytes(760L * 1024 * 1024)).isEqualTo("760 MiB");
        assertThat(Units.bytes(3L << 30)).isEqualTo("3.00 GiB");
    }
}
