package io.chimera.insight.report.render;

import io.chimera.insight.platform.stats.FigureFormat;

/**
 * How a measured figure is printed in a report. One rule everywhere, so a reader (and the
 * verifier) can trace any printed number back to the aggregate: values of 100 or more keep one
 * decimal, values from 1 to 100 two decimals, smaller values three significant digits. No
 * thousands separators, so figures paste straight into a spreadsheet. The rule lives in
 * {@link FigureFormat}, so the sentences {@code platform.stats} writes follow it too.
 */
public final class Figures {

    private Figures() {
    }

    public static String format(double value) {
        return FigureFormat.format(value);
    }

    /** Counts are printed as integers. */
    public static String count(long value) {
        return Long.toString(value);
    }
}
