package io.chimera.insight.bench.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairedRatiosTest {

    @Test
    void eachFigureIsDividedByTheLimitOfItsOwnRepeat() {
        // Sorted apart, 60/100 and 90/200 would pair differently: the pairing is by repeat.
        PairedRatios ratios = PairedRatios.of(List.of(60.0, 90.0, 70.0), List.of(100.0, 200.0, 100.0));

        assertThat(ratios.ratios()).containsExactly(0.6, 0.45, 0.7);
    }

    @Test
    void theFigureIsTheMedianRatioAndTheSpreadItsExtremes() {
        PairedRatios ratios = PairedRatios.of(List.of(60.0, 90.0, 70.0), List.of(100.0, 200.0, 100.0));

        assertThat(ratios.median()).isEqualTo(0.6);
        assertThat(ratios.min()).isEqualTo(0.45);
        assertThat(ratios.max()).isEqualTo(0.7);
        assertThat(ratios.describe()).isEqualTo("0.600 (0.450–0.700 over 3 paired repeats)");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(PairedRatios.median(List.of(4.0, 1.0, 3.0, 2.0))).isCloseTo(2.5, within(1e-12));
        assertThat(new PairedRatios(List.of(0.8, 0.6)).median()).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void repeatsThatDoNotPairAreRefused() {
        assertThatThrownBy(() -> PairedRatios.of(List.of(1.0, 2.0), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 figures for 1 limits");
        assertThatThrownBy(() -> PairedRatios.of(List.of(1.0), List.of(0.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat 1");
        assertThatThrownBy(() -> PairedRatios.of(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
