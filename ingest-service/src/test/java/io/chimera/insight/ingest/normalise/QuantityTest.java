package io.chimera.insight.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuantityTest {

    @Test
    void readsANumberWithItsUnitKeepingTheDigitsExactly() {
        assertThat(Quantity.parse("41.89 tok/s"))
                .contains(new Quantity(new BigDecimal("41.89"), Optional.of("tok/s")));
        assertThat(Quantity.parse("0.06711729999999999")).get()
                .extracting(Quantity::value).isEqualTo(new BigDecimal("0.06711729999999999"));
        assertThat(Quantity.parse("1.5e-3ms")).contains(new Quantity(new BigDecimal("1.5e-3"), Optional.of("ms")));
        assertThat(Quantity.parse("-2")).contains(new Quantity(new BigDecimal("-2"), Optional.empty()));
    }

    @Test
    void rejectsTextThatIsNotJustANumber() {
        assertThat(Quantity.parse("")).isEmpty();
        assertThat(Quantity.parse("NaN")).isEmpty();
        assertThat(Quantity.parse("99.16 ± 0.25 tok/s")).isEmpty();
        assertThat(Quantity.parse("0.165 seconds (excluding cold start)")).isEmpty();
        assertThat(Quantity.parse("g999_c1024_t0.2")).isEmpty();
        assertThat(Quantity.parse("2025-10-02T19:12:04")).isEmpty();
    }

    @Test
    void thousandsSeparatorsOnlyInLenientMode() {
        assertThat(Quantity.parse("3,503")).isEmpty();
        assertThat(Quantity.parseLenient("3,503")).contains(new Quantity(new BigDecimal("3503"), Optional.empty()));
        assertThat(Quantity.parseLenient("22,80,000")).as("not a thousands grouping").isEmpty();
    }
}
