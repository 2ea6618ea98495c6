package io.chimera.insight.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UnitsTest {

    private final Units units = MappingRules.bundled().units();

    @Test
    void convertsTimeExactly() {
        Unit s = units.parse("seconds").orElseThrow();
        Unit ms = units.parse("ms").orElseThrow();
        Unit ns = units.parse("ns").orElseThrow();
        assertThat(Units.convert(new BigDecimal("1.1485114"), s, ms)).isEqualByComparingTo("1148.5114");
        assertThat(Units.convert(new BigDecimal("5191566416"), ns, ms)).isEqualByComparingTo("5191.566416");
        assertThat(Units.convert(new BigDecimal("250"), ms, s)).isEqualByComparingTo("0.25");
    }

    @Test
    void convertsWhereTheScalesDoNotDivideExactly() {
        Unit ms = units.parse("ms").orElseThrow();
        Unit min = units.parse("minutes").orElseThrow();
        assertThat(Units.convert(new BigDecimal("90000"), ms, min)).isEqualByComparingTo("1.5");
        // 1 ms = 1/60000 min, which has no finite decimal: 34 significant digits, rounded half-even.
        assertThat(Units.convert(BigDecimal.ONE, ms, min))
                .isEqualByComparingTo("0.00001666666666666666666666666666666667");
        assertThat(Units.convert(new BigDecimal("2.5"), min, ms)).isEqualByComparingTo("150000");
    }

    @Test
    void knowsSpellingsCaseInsensitively() {
        assertThat(units.parse("Tok/S")).map(Unit::name).contains("tokens/s");
        assertThat(units.parse("tokens/sec")).map(Unit::name).contains("tokens/s");
        assertThat(units.parse("furlongs")).isEmpty();
    }

    @Test
    void refusesToConvertAcrossDimensions() {
        Unit s = units.parse("s").orElseThrow();
        Unit rate = units.parse("tokens/s").orElseThrow();
        assertThatThrownBy(() -> Units.convert(BigDecimal.ONE, s, rate)).isInstanceOf(IllegalArgumentException.class);
    }
}
