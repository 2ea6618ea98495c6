package io.chimera.insight.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantityTest {

    @Test
    void readsANumberWithItsUnitKeepingTheDigitsExactly() {
        assertThat(Quantity.parse("41.89 tok/s"))
                .contains(new Quantity("41.89", Optional.of("tok/s")));
        assertThat(Quantity.parse("0.06711729999999999")).get()
                .extracting(Quantity::value).isEqualTo(new BigDecimal("0.06711729999999999"));
        assertThat(Quantity.parse("1.5e-3ms")).contains(new Quantity("1.5e-3", Optional.of("ms")));
        assertThat(Quantity.parse("-2")).contains(new Quantity("-2", Optional.empty()));
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
    void theShortcutForBareNumbersAgreesWithThePattern() {
        List<String> samples = new ArrayList<>(List.of("1.", ".5", "+2", "1e5", "1E+05", "1e", "e5", ".", "-", "+.e1",
                "1.5e-3", "007", " 12 ", "1..2", "1e5.0", "--1", "١٢", "5 ms", "1e5ms"));
        Random random = new Random(11);
        String alphabet = "0123456789.+-eE m";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(8);
            for (int c = 0; c < length; c++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            samples.add(text.toString());
        }
        for (String sample : samples) {
            assertThat(Quantity.parse(sample)).as("'%s'", sample).isEqualTo(Quantity.parseByPattern(sample));
        }
    }

    @Test
    void thousandsSeparatorsOnlyInLenientMode() {
        assertThat(Quantity.parse("3,503")).isEmpty();
        assertThat(Quantity.parseLenient("3,503")).contains(new Quantity("3503", Optional.empty()));
        assertThat(Quantity.parseLenient("22,80,000")).as("not a thousands grouping").isEmpty();
    }

    @Test
    void aNumberWhoseExponentNoDecimalCanHoldIsNotAQuantity() {
        assertThat(Quantity.parse("1e99999999999")).isEmpty();
        assertThat(Quantity.parse("1e999999999")).get().extracting(Quantity::toDouble)
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    /** The doubles come from the text; they must be exactly those of the decimal arithmetic they replace. */
    @Test
    void doublesFromTheTextEqualThoseOfTheExactDecimal() {
        Random random = new Random(17);
        List<String> samples = new ArrayList<>(List.of("0.6000000238418579", "41.890000000000001", "1.1485114",
                "0.06711729999999999", "123456789012345678901234567890", "1e-400", "1.5e-3", "-0.0", "5.", ".5",
                "+7E+2", "9007199254740993", "0.1", "2.5e308"));
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "" : "-");
            text.append(random.nextInt(100_000));
            if (random.nextBoolean()) {
                text.append('.');
                for (int d = random.nextInt(18); d >= 0; d--) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextInt(4) == 0) {
                text.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(40) - 20);
            }
            samples.add(text.toString());
        }
        for (String sample : samples) {
            Quantity q = Quantity.parse(sample).orElseThrow();
            assertThat(q.toDouble()).as("'%s'", sample).isEqualTo(new BigDecimal(sample).doubleValue());
            for (int power : new int[] {-9, -6, -3, 3, 6, 9}) {
                assertThat(q.toDoubleTimesTenTo(power)).as("'%s' × 10^%d", sample, power)
                        .isEqualTo(new BigDecimal(sample).scaleByPowerOfTen(power).doubleValue());
            }
        }
    }
}
