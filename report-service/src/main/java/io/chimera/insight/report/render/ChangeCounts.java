package io.chimera.insight.report.render;

/** A model's standing changes counted by direction, as the report's Changes section and the index say them. */
public final class ChangeCounts {

    private ChangeCounts() {
    }

    /** "1 regression, 0 improvements". */
    public static String text(long regressions, long improvements) {
        return regressions + (regressions == 1 ? " regression, " : " regressions, ")
                + improvements + (improvements == 1 ? " improvement" : " improvements");
    }
}
