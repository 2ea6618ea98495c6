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
        if (text != null) {
            String trimmed = text.trim();
            if (isPlainNumber(trimmed)) {
                // Most cells are bare numbers: read them without the regular expression (10 % of parsing).
                return Optional.of(new Quantity(new BigDecimal(trimmed), Optional.empty()));
            }
        }
        return parse(text, STRICT);
    }

    /** What {@link #parse} gives, always through the regular expression; to check the shortcut against. */
    static Optional<Quantity> parseByPattern(String text) {
        return parse(text, STRICT);
    }

    /** {@code [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?}, the number part of {@link #STRICT}, and nothing else. */
    private static boolean isPlainNumber(String text) {
        int length = text.length();
        int i = 0;
        if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int integerDigits = digits(text, i);
        i += integerDigits;
        int fractionDigits = 0;
        if (i < length && text.charAt(i) == '.') {
            i++;
            fractionDigits = digits(text, i);
            i += fractionDigits;
        }
        if (integerDigits == 0 && fractionDigits == 0) {
            return false;
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = digits(text, i);
            if (exponentDigits == 0) {
                return false;
            }
            i += exponentDigits;
        }
        return i == length;
    }

    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i - from;
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
