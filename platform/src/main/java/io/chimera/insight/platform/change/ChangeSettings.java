package io.chimera.insight.platform.change;

/**
 * What counts as a change.
 *
 * @param minEffect   the smallest relative difference of means worth reporting (0.05 = 5 %), whatever the
 *                    p-value: a significant change is reported when the far end of its 95 % interval reaches it
 * @param alpha       the confirming test's significance level
 * @param minSegment  the fewest values on either side of a change point
 * @param test        the confirming two-sample test
 */
public record ChangeSettings(double minEffect, double alpha, int minSegment, ChangeTest test) {

    /** The default minimum effect, 5 % (the issue's). */
    public static final double DEFAULT_MIN_EFFECT = 0.05;
    /** The default significance level, far below the 0.01 to keep false alarms under 1 per 1,000 runs. */
    public static final double DEFAULT_ALPHA = 0.00003;

    /** The defaults and why: docs/architecture.md, "Change detection". */
    public static final ChangeSettings DEFAULTS = new ChangeSettings(DEFAULT_MIN_EFFECT, DEFAULT_ALPHA, 3, ChangeTest.STUDENT);

    public ChangeSettings {
        if (!(minEffect >= 0) || !(alpha > 0 && alpha < 1) || minSegment < 2 || test == null) {
            throw new IllegalArgumentException("change settings need minEffect >= 0, 0 < alpha < 1, minSegment >= 2 "
                    + "and a test, got " + minEffect + ", " + alpha + ", " + minSegment + ", " + test);
        }
    }

    /** These limits with the default test. */
    public ChangeSettings(double minEffect, double alpha, int minSegment) {
        this(minEffect, alpha, minSegment, DEFAULTS.test());
    }

    /** These settings with another significance level. */
    public ChangeSettings withAlpha(double alpha) {
        return new ChangeSettings(minEffect, alpha, minSegment, test);
    }

    /** These settings with another minimum effect, as a metric may set its own. */
    public ChangeSettings withMinEffect(double minEffect) {
        return new ChangeSettings(minEffect, alpha, minSegment, test);
    }
}
