package io.chimera.insight.ingest.normalise;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Configuration values as the config map holds them: trimmed strings, numbers rounded to 7
 * significant digits with trailing zeros dropped.
 *
 * <p>Why 7 digits: rigs pass settings to Ollama as float32 and write them back widened to double,
 * so {@code temperature 0.6} comes back as {@code 0.6000000238418579}. Float32 carries about 7.2
 * significant decimal digits, so rounding to 7 restores what the user set, and two runs of the same
 * setting group together. {@code 40.00} (a Markdown table) becomes {@code 40} for the same reason.
 * Integers (a seed, a context size) are kept exactly as written.
 */
public final class ConfigValues {

    private static final MathContext FLOAT32_DIGITS = new MathContext(7, RoundingMode.HALF_EVEN);

    private ConfigValues() {
    }

    public static String format(String raw) {
        String trimmed = raw == null ? "" : raw.trim();
        Optional<Quantity> number = Quantity.parse(trimmed).filter(q -> q.unit().isEmpty());
        if (number.isEmpty()) {
            return trimmed;
        }
        BigDecimal value = number.get().value();
        if (value.scale() <= 0) {
            return value.toPlainString(); // an integer (a seed, a context size) is exact as written
        }
        BigDecimal rounded = value.round(FLOAT32_DIGITS).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.toPlainString();
    }
}
