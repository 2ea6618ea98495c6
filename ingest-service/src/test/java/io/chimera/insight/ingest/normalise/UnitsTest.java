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
    void doubleConversionEqualsTheExactConversionRounded() {
        String[] numbers = {"1.1485114", "5191566416", "250", "0.06711729999999999", "90000", "1", "2.5e-3",
                "41.890000000000001", "7E+2"};
        for (Unit from : units.all()) {
            for (Unit to : units.all()) {
                if (!from.convertibleTo(to)) {
                    continue;
                }
                for (String number : numbers) {
                    Quantity q = Quantity.parse(number).orElseThrow();
                    assertThat(Units.toDouble(q, from, to)).as("%s %s in %s", number, from.name(), to.name())
                            .isEqualTo(Units.convert(new BigDecimal(number), from, to).doubleValue());
                }
            }
        }
        assertThat(Units.toDouble(Quantity.parse("1.1485114").orElseThrow(), units.parse("s").orElseThrow(),
                units.parse("ms").orElseThrow())).isEqualTo(1148.5114);
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
