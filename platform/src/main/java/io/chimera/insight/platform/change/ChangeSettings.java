package io.chimera.insight.platform.change;

/**
 * What counts as a change.
 *
 * @param minEffect   the smallest relative difference of means worth reporting (0.05 = 5 %), whatever the
 *                    p-value: a significant change is reported when the far end of its 95 % interval reaches it
 * @param alpha       the confirming test's significance level
 * @param minSegment  the fewest values on either side of a change point
 * @param test        the confirming two-sample test
 * @param keepAlpha   hysteresis: a change already published stays while the detector at this larger
 *                    significance level still shows it, so a change whose p-value drifts just above
 *                    {@code alpha} as runs are added is neither retracted nor published again; a new
 *                    change still needs {@code alpha}. Equal to {@code alpha}: no hysteresis
 */
public record ChangeSettings(double minEffect, double alpha, int minSegment, ChangeTest test, double keepAlpha) {

    /** The default minimum effect, 5 % (the issue's). */
    public static final double DEFAULT_MIN_EFFECT = 0.05;
    /**
     * The default significance level for a new change, far below the 0.01 to keep false alarms
     * under 1 per 1,000 runs (with {@link #DEFAULT_KEEP_ALPHA}).
     */
    public static final double DEFAULT_ALPHA = 0.0001;
    /** The default keep alpha: a published change stays while it is significant at 1e-3. */
    public static final double DEFAULT_KEEP_ALPHA = 0.001;

    /** The defaults and why: docs/architecture.md, "Change detection". */
    public static final ChangeSettings DEFAULTS =
            new ChangeSettings(DEFAULT_MIN_EFFECT, DEFAULT_ALPHA, 3, ChangeTest.STUDENT, DEFAULT_KEEP_ALPHA);

    public ChangeSettings {
        if (!(minEffect >= 0) || !(alpha > 0 && alpha < 1) || minSegment < 2 || test == null
                || !(keepAlpha >= alpha && keepAlpha < 1)) {
            throw new IllegalArgumentException("change settings need minEffect >= 0, 0 < alpha < 1, minSegment >= 2, "
                    + "a test and alpha <= keepAlpha < 1, got " + minEffect + ", " + alpha + ", " + minSegment + ", "
                    + test + ", " + keepAlpha);
        }
    }

    /** These limits without hysteresis (the keep alpha is alpha). */
    public ChangeSettings(double minEffect, double alpha, int minSegment, ChangeTest test) {
        this(minEffect, alpha, minSegment, test, alpha);
    }

    /** These limits with the default test, without hysteresis. */
    public ChangeSettings(double minEffect, double alpha, int minSegment) {
        this(minEffect, alpha, minSegment, DEFAULTS.test());
    }

    /** These settings with other significance levels, for a new change and for keeping a published one. */
    public ChangeSettings withAlphas(double alpha, double keepAlpha) {
        return new ChangeSettings(minEffect, alpha, minSegment, test, keepAlpha);
    }

    /** These settings with another minimum effect, as a metric may set its own. */
    public ChangeSettings withMinEffect(double minEffect) {
        return new ChangeSettings(minEffect, alpha, minSegment, test, keepAlpha);
    }

    /** Whether a published change is kept at a larger alpha than a new one needs. */
    public boolean hasHysteresis() {
        return keepAlpha > alpha;
    }

    /** The settings of the search that keeps published changes: these, at the keep alpha. */
    public ChangeSettings keeping() {
        return new ChangeSettings(minEffect, keepAlpha, minSegment, test, keepAlpha);
    }
}
