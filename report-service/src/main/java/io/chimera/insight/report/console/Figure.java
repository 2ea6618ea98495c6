package io.chimera.insight.report.console;

import io.chimera.insight.report.render.Figures;

/**
 * A number as a table cell or a tile shows it: printed by the report's rule ({@link Figures}), with
 * its unit beside it, and the exact value in {@code data-value} for sorting and for tests.
 */
final class Figure {

    private Figure() {
    }

    /** The figure and its unit; an en dash when there is none. */
    static String text(Double value, String unit) {
        if (value == null || value.isNaN()) {
            return "–";
        }
        return Figures.format(value) + (unit.isEmpty() ? "" : " " + unit);
    }

    /** A duration in milliseconds, in seconds once it is a second or more. */
    static String millis(Double ms) {
        if (ms != null && ms >= 1000) {
            return text(ms / 1000, "s");
        }
        return text(ms, "ms");
    }

    /** A right-aligned cell: the figure with its unit, if any, in a span of its own (greyed). */
    static String cell(Double value, String unit) {
        boolean none = value == null || value.isNaN();
        String shown = none ? "–" : Html.escape(Figures.format(value))
                + (unit.isEmpty() ? "" : " <span class=\"unit\">" + Html.escape(unit) + "</span>");
        return "<td class=\"num\" data-value=\"" + (none ? "" : value) + "\">" + shown + "</td>";
    }

    /** A count in a right-aligned cell; {@code alarming} colours it (failed runs). */
    static String count(long value, boolean alarming) {
        return "<td class=\"num" + (alarming ? " warn" : "") + "\" data-value=\"" + value + "\">" + value + "</td>";
    }
}
