package io.chimera.insight.analysis.verify;

/**
 * A number as the narrative wrote it.
 *
 * @param text      the characters as written, suffix included ({@code "4,633"}, {@code "12%"}, {@code "1.5x"})
 * @param value     its magnitude (signs are ignored: "-12%" and "12% lower" state the same fact)
 * @param halfUnit  half a unit of its last significant digit: a fact matches when it lies within
 *                  this distance, i.e. when it rounds to what was written
 * @param kind      plain, percentage or ratio
 * @param start     offset of the first character in the text it came from
 * @param yearLike  written as a year (see {@link NumberExtractor}); ignored when it matches no fact
 */
record WrittenNumber(String text, double value, double halfUnit, Kind kind, int start, boolean yearLike) {

    enum Kind {
        PLAIN,
        /** Followed by {@code %} or "percent". */
        PERCENT,
        /** Followed by {@code x} or {@code ×}, as in "1.5x faster". */
        RATIO
    }

    /** Whether {@code fact} rounds to this number at the precision it was written with. */
    boolean matches(double fact) {
        if (!Double.isFinite(fact)) {
            return false;
        }
        // The slack absorbs binary representation error at exact halves (4.635 is stored as 4.63499…).
        double slack = halfUnit * 1e-9 + Math.ulp(value) * 4;
        return Math.abs(Math.abs(fact) - value) <= halfUnit + slack;
    }
}
