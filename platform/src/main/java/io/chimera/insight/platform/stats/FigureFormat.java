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
