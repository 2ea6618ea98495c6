package io.chimera.insight.bench.result;

/**
 * One row of the results table.
 *
 * @param name    what was measured
 * @param value   the measured value, formatted with its unit
 * @param target  the target, or "—"
 * @param verdict pass or miss against the target
 */
public record Figure(String name, String value, String target, Verdict verdict) {

    /** A figure without a target. */
    public static Figure info(String name, String value) {
        return new Figure(name, value, "—", Verdict.INFO);
    }

    /** A figure that passes when {@code measured >= target}. */
    public static Figure atLeast(String name, String value, double measured, double target, String targetText) {
        return new Figure(name, value, targetText, measured >= target ? Verdict.PASS : Verdict.MISS);
    }

    /** A figure that passes when {@code measured <= target}. */
    public static Figure atMost(String name, String value, double measured, double target, String targetText) {
        return new Figure(name, value, targetText, measured <= target ? Verdict.PASS : Verdict.MISS);
    }

    /** A figure that passes when it equals its target exactly (counts). */
    public static Figure exactly(String name, String value, double measured, double target, String targetText) {
        return new Figure(name, value, targetText, measured == target ? Verdict.PASS : Verdict.MISS);
    }

    /** A figure that passes when {@code measured < target}. */
    public static Figure below(String name, String value, double measured, double target, String targetText) {
        return new Figure(name, value, targetText, measured < target ? Verdict.PASS : Verdict.MISS);
    }

    /** A figure this run could not measure, and why. */
    public static Figure pending(String name, String target, String why) {
        return new Figure(name, why, target, Verdict.PENDING);
    }
}
