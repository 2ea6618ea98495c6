package io.chimera.insight.aggregate.statistics;

/**
 * Count, mean and M2 (the sum of squared deviations from the mean) of a set of values, as a value: what
 * {@link ExactMoments} works out for a configuration or a model, and what a snapshot reads
 * ({@link StatsAccumulator#toStats(Moments)}).
 *
 * <p>An accumulator keeps its own count, mean and M2 in fields of its own, not in one of these
 * ({@link StatsAccumulator}: Welford's update for a value, Chan et al.'s formula for a merge, the one place
 * those formulas live): an object more per metric, reached through one more reference at each value, was
 * about a tenth of what a model's configuration held (docs/benchmarks.md, "Thirteenth pass").
 *
 * <p>Immutable.
 */
final class Moments {

    private static final Moments EMPTY = new Moments(0, 0.0, 0.0);

    private final long count;
    private final double mean;
    private final double m2;

    private Moments(long count, double mean, double m2) {
        this.count = count;
        this.mean = mean;
        this.m2 = m2;
    }

    /** No values: count, mean and M2 0. */
    static Moments empty() {
        return EMPTY;
    }

    /** Moments as stored; {@code count} 0 gives empty moments whatever the other two say. */
    static Moments of(long count, double mean, double m2) {
        checkCount(count);
        return count == 0 ? EMPTY : new Moments(count, mean, m2);
    }

    /** @throws IllegalArgumentException when {@code count} is negative */
    static void checkCount(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("Negative count " + count);
        }
    }

    long count() {
        return count;
    }

    /** Exact arithmetic mean; 0 when empty. */
    double mean() {
        return mean;
    }

    double m2() {
        return m2;
    }

    /** Sample variance (n-1); 0 below two values. */
    double variance() {
        return variance(count, m2);
    }

    /** The sample variance (n-1) of {@code count} values whose M2 is {@code m2}; 0 below two values. */
    static double variance(long count, double m2) {
        return count < 2 ? 0.0 : Math.max(0.0, m2) / (count - 1);
    }
}
