package io.chimera.insight.platform.change;

/**
 * What counts as a change.
 *
 * @param minEffect   the smallest relative difference of means reported (0.05 = 5 %), whatever the p-value
 * @param alpha       the confirming test's significance level
 * @param minSegment  the fewest values on either side of a change point
 */
public record ChangeSettings(double minEffect, double alpha, int minSegment) {

    public static final ChangeSettings DEFAULTS = new ChangeSettings(0.05, 0.01, 3);

    public ChangeSettings {
        if (!(minEffect >= 0) || !(alpha > 0 && alpha < 1) || minSegment < 2) {
            throw new IllegalArgumentException("change settings need minEffect >= 0, 0 < alpha < 1 and minSegment >= 2, got "
                    + minEffect + ", " + alpha + ", " + minSegment);
        }
    }
}
