package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.platform.metrics.CanonicalMetric;

/**
 * When a run counts as cold, i.e. as having paid a model load: its load duration exceeds the model's
 * warm level by a robust margin,
 * <pre>load &gt; median + max(madMultiplier × MAD, minMarginMs)</pre>
 * where median and MAD (median absolute deviation) are those of the load durations of all the
 * model's successful runs. Median and MAD, not mean and standard deviation, because the cold runs
 * themselves are the outliers: in a sweep where every third run is cold (gemma3 270m: 11 of 34) they
 * would drag a mean and inflate a standard deviation until nothing looked cold; the median and MAD
 * stay on the warm runs while fewer than half are cold.
 *
 * <p>Why the defaults: 5 MADs are about 3.4 standard deviations of normally distributed warm loads
 * (MAD ≈ 0.674 σ), so a warm run is called cold about once in 3,000; a cold load (reading the
 * weights and setting up the runner: hundreds of ms for the smallest models, seconds for most)
 * is far beyond. The margin of at least 200 ms keeps warm jitter from counting when the warm loads
 * are nearly identical (MAD near 0): Ollama's warm "load" is a few tens of ms, and no real model
 * load takes less than 200 ms more than that.
 *
 * @param madMultiplier how many MADs above the median a cold load lies at least (k)
 * @param minMarginMs   the margin above the median never goes below this (ms)
 */
public record ColdStartRule(double madMultiplier, double minMarginMs) {

    public static final double DEFAULT_MAD_MULTIPLIER = 5;
    public static final double DEFAULT_MIN_MARGIN_MS = 200;

    public ColdStartRule {
        if (!(madMultiplier >= 0) || Double.isInfinite(madMultiplier)) {
            throw new IllegalArgumentException("madMultiplier must be a finite number >= 0, was " + madMultiplier);
        }
        if (!(minMarginMs >= 0) || Double.isInfinite(minMarginMs)) {
            throw new IllegalArgumentException("minMarginMs must be a finite number >= 0, was " + minMarginMs);
        }
    }

    public static ColdStartRule defaults() {
        return new ColdStartRule(DEFAULT_MAD_MULTIPLIER, DEFAULT_MIN_MARGIN_MS);
    }

    /** The load duration (ms) above which a run is cold, given the model's median and MAD. */
    public double thresholdMs(double medianMs, double madMs) {
        return medianMs + Math.max(madMultiplier * madMs, minMarginMs);
    }

    /** The rule in words, for the report. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "cold when %s > median + max(%s × MAD, %s ms)",
                CanonicalMetric.LOAD_DURATION_MS.canonicalName(), plain(madMultiplier), plain(minMarginMs));
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
