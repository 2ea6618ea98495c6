package io.chimera.insight.ingest.normalise;

import com.fasterxml.jackson.core.io.NumberInput;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number as written in a file, with the unit written after it if any ({@code "41.89 tok/s"}).
 * The decimal digits are kept exactly as written (no binary rounding before unit conversion);
 * {@link #value()} gives them as a {@code BigDecimal}, {@link #toDouble()} as the nearest double.
 *
 * <p>Thousands separators ({@code 3,503}) are accepted only in {@linkplain #parseLenient lenient}
 * mode, used for Markdown prose tables: in a CSV field {@code 1,234} may be a decimal comma.
 *
 * <p>Why text and not a {@code BigDecimal}: most figures are stored as doubles without conversion,
 * and building a {@code BigDecimal} only to round it to a double (through its text, for the 17
 * digits rigs write) was a tenth of reading a file. Parsing the text to a double and
 * {@code new BigDecimal(text).doubleValue()} both give the double nearest the decimal, so the figures
 * are the same (QuantityTest checks it on 20,000 numbers).
 *
 * @param number the number as written ({@code 41.89}, {@code 1.5e-3}), thousands separators removed
 * @param unit the unit text after the number, as written; empty when there is none
 */
public record Quantity(String number, Optional<String> unit) {

    /** Exponents of more digits than this may not fit an int: such numbers are checked the slow way. */
    private static final int SAFE_EXPONENT_DIGITS = 9;

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
                return isRepresentable(trimmed) ? Optional.of(new Quantity(trimmed, Optional.empty()))
                        : Optional.empty();
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
        String number = m.group(1).replace(",", "");
        return isRepresentable(number) ? Optional.of(new Quantity(number, Optional.ofNullable(m.group(2))))
                : Optional.empty();
    }

    /** The number, exactly. */
    public BigDecimal value() {
        return new BigDecimal(number);
    }

    /** The double nearest the number (what {@code value().doubleValue()} gives, without building it). */
    public double toDouble() {
        return nearestDouble(number);
    }

    /**
     * The double nearest the number times 10^{@code power}: the decimal point moved, then rounded
     * once, as {@code value().scaleByPowerOfTen(power).doubleValue()} gives.
     */
    public double toDoubleTimesTenTo(int power) {
        int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (e < 0) {
            return nearestDouble(number + "E" + power);
        }
        long exponent = Long.parseLong(number.substring(e + 1).replace("+", "")) + power;
        if (exponent > Integer.MAX_VALUE || exponent < Integer.MIN_VALUE) {
            return value().scaleByPowerOfTen(power).doubleValue();
        }
        return nearestDouble(number.substring(0, e) + "E" + exponent);
    }

    /**
     * Jackson's FastDoubleParser (Lemire's algorithm), correctly rounded like
     * {@code Double.parseDouble} and several times faster on the 17-digit figures rigs write,
     * where the JDK's parser takes its slow path.
     */
    private static double nearestDouble(String decimal) {
        return NumberInput.parseDouble(decimal, true);
    }

    /**
     * Whether a number of the pattern's shape is one {@code BigDecimal} can hold: only an exponent
     * beyond int range is not (such text is not a figure anyway).
     */
    private static boolean isRepresentable(String number) {
        int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (e < 0 || number.length() - e - 1 <= SAFE_EXPONENT_DIGITS) {
            return true;
        }
        try {
            new BigDecimal(number);
            return true;
        } catch (NumberFormatException exponentTooLarge) {
            return false;
        }
    }
}
