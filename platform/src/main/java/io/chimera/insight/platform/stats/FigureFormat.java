package io.chimera.insight.platform.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How a measured figure is printed, wherever it is printed (the report's tables and the sentences of
 * {@link Recommendations} alike), so a reader and the verifier can trace any printed number back to
 * the aggregate: values of 100 or more keep one decimal, values from 1 to 100 two decimals, smaller
 * values three significant digits. No thousands separators, so figures paste into a spreadsheet.
 */
public final class FigureFormat {

    private FigureFormat() {
    }

    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        BigDecimal decimal;
        if (magnitude >= 100) {
            decimal = BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
        } else if (magnitude >= 1) {
            decimal = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
        } else if (magnitude == 0) {
            return "0";
        } else {
            decimal = BigDecimal.valueOf(value).round(new MathContext(3, RoundingMode.HALF_UP));
        }
        String text = decimal.stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    /**
     * {@code String.format(Locale.ROOT, "%.1f", value)}, the same text, without the formatter's parsing and
     * decimal conversion where plain arithmetic is exact: the formatter rounds the shortest decimal that reads
     * back as {@code value} half up to one place, and that decimal lies within half a unit in the last place
     * of {@code value}, so when {@code value × 10} is more than a billionth of itself away from a half, both
     * round the same way. Near halves, past 10<sup>14</sup>, for negatives and non-finite values the
     * formatter decides. (Formatting Welch's ratio per key was a tenth of the prompt's CPU, JFR.)
     */
    static String oneDecimal(double value) {
        double tenths = value * 10;
        if (!(tenths >= 0 && tenths < 1e15) || Math.copySign(1.0, value) < 0) { // -0.0 is written "-0.0"
            return String.format(java.util.Locale.ROOT, "%.1f", value);
        }
        double below = Math.floor(tenths);
        double fraction = tenths - below;
        if (Math.abs(fraction - 0.5) <= 1e-9 * Math.max(1, tenths)) {
            return String.format(java.util.Locale.ROOT, "%.1f", value);
        }
        long rounded = (long) below + (fraction > 0.5 ? 1 : 0);
        return (rounded / 10) + "." + (rounded % 10);
    }

    /** The smallest p-value printed as a number: below it a p-value reads "&lt; 0.001". */
    public static final double SMALLEST_P = 0.001;

    /** A p-value; below 0.001 the answer is the same, so tiny ones are not worth their digits. "–" for none. */
    public static String pValue(Double p) {
        if (p == null) {
            return "–";
        }
        return p < SMALLEST_P ? "< " + format(SMALLEST_P) : format(p);
    }

    /**
     * What the runs without configuration are called wherever a configuration is named (report, index,
     * {@code reports} event): "(none)" read as "no best configuration" in the index.
     */
    public static final String NO_CONFIGURATION = "(runs without configuration)";

    /** A config key printed as {@code k=v, k=v}; {@link #NO_CONFIGURATION} for the empty one. */
    public static String configLabel(String configKey) {
        return configKey.isEmpty() ? NO_CONFIGURATION : configKey.replace(",", ", ");
    }
}
