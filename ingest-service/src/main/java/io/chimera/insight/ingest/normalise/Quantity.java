package io.chimera.insight.ingest.normalise;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number as written in a file, with the unit written after it if any ({@code "41.89 tok/s"}).
 * Parsing keeps the decimal digits exactly (no binary rounding before unit conversion).
 *
 * <p>Thousands separators ({@code 3,503}) are accepted only in {@linkplain #parseLenient lenient}
 * mode, used for Markdown prose tables: in a CSV field {@code 1,234} may be a decimal comma.
 *
 * @param value the number
 * @param unit the unit text after the number, as written; empty when there is none
 */
public record Quantity(BigDecimal value, Optional<String> unit) {

    private static final String UNIT = "(?:\\s*([A-Za-z\u00b5\u00b0%][A-Za-z0-9\u00b5%/_.-]{0,15}))?";
    private static final Pattern STRICT = Pattern.compile(
            "([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)" + UNIT);
    private static final Pattern LENIENT = Pattern.compile(
            "([+-]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d*)?(?:[eE][+-]?\\d+)?|[+-]?\\.\\d+)" + UNIT);

    /** A plain number, optionally followed by a unit. */
    public static Optional<Quantity> parse(String text) {
        return parse(text, STRICT);
    }

    /** Like {@link #parse} but also accepts thousands separators. */
    public static Optional<Quantity> parseLenient(String text) {
        return parse(text, LENIENT);
    }

    private static Optional<Quantity> parse(String text, Pattern pattern) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            BigDecimal value = new BigDecimal(m.group(1).replace(",", ""));
            return Optional.of(new Quantity(value, Optional.ofNullable(m.group(2))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
