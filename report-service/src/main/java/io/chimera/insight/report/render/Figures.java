package io.chimera.insight.report.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How a measured figure is printed in a report. One rule everywhere, so a reader (and the
 * verifier) can trace any printed number back to the aggregate: values of 100 or more keep one
 * decimal, values from 1 to 100 two decimals, smaller values three significant digits. No
 * thousands separators, so figures paste straight into a spreadsheet.
 */
public final class Figures {

    private Figures() {
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

    /** Counts are printed as integers. */
    public static String count(long value) {
        return Long.toString(value);
    }
}
