package io.chimera.insight.aggregate.statistics;

/**
 * Count, mean and M2 (the sum of squared deviations from the mean) of a set of values: Welford's
 * update for one value, Chan et al.'s parallel formula for a merge. The one place those formulas
 * live: {@link StatsAccumulator} keeps its moments here, so a (file, config) entry's moments are the
 * same bits for the same runs in the same order.
 *
 * <p>Both formulas are exact in real arithmetic; in floating point the last bits of a merge
 * depend on the order of the merges. The figures of a configuration or a model across its entries
 * are therefore not merged with them but summed exactly ({@link ExactMoments}), which gives its
 * result here.
 *
 * <p>Mutable and not thread-safe.
 */
final class Moments {

    private long count;
    private double mean;
    private double m2;

    Moments() {
    }

    private Moments(long count, double mean, double m2) {
        this.count = count;
        this.mean = mean;
        this.m2 = m2;
    }

    /** Moments as stored; {@code count} 0 gives empty moments whatever the other two say. */
    static Moments of(long count, double mean, double m2) {
        if (count < 0) {
            throw new IllegalArgumentException("Negative count " + count);
        }
        return count == 0 ? new Moments() : new Moments(count, mean, m2);
    }

    /** Adds one finite value (Welford's update). */
    void add(double value) {
        count++;
        double delta = value - mean;
        mean += delta / count;
        m2 += delta * (value - mean);
    }

    /** Folds {@code other} in (Chan et al.); {@code other} is left untouched. */
    void merge(Moments other) {
        merge(other.count, other.mean, other.m2);
    }

    /** Folds in the moments of other values: their count, mean and M2 (Chan et al.). */
    void merge(long otherCount, double otherMean, double otherM2) {
        if (otherCount == 0) {
            return;
        }
        if (count == 0) {
            mean = otherMean;
            m2 = otherM2;
        } else {
            long total = count + otherCount;
            double delta = otherMean - mean;
            mean += delta * otherCount / total;
            m2 += otherM2 + delta * delta * ((double) count * otherCount / total);
        }
        count += otherCount;
    }

    Moments copy() {
        return new Moments(count, mean, m2);
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
        return count < 2 ? 0.0 : Math.max(0.0, m2) / (count - 1);
    }
}
