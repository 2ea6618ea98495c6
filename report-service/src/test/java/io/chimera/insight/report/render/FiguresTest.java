package io.chimera.insight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void roundsByMagnitude() {
        assertThat(Figures.format(4633.27)).isEqualTo("4633.3");
        assertThat(Figures.format(278.84860554273496)).isEqualTo("278.8");
        assertThat(Figures.format(59.4542)).isEqualTo("59.45");
        assertThat(Figures.format(1.0)).isEqualTo("1");
        assertThat(Figures.format(0.0594542)).isEqualTo("0.0595");
        assertThat(Figures.format(0)).isEqualTo("0");
        assertThat(Figures.format(-12.345)).isEqualTo("-12.35");
        assertThat(Figures.format(Double.NaN)).isEqualTo("n/a");
    }
}
