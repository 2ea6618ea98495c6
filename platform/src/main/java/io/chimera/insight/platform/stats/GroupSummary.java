package io.chimera.insight.platform.stats;

import io.chimera.insight.events.MetricStats;
import java.util.List;

/**
 * Count, mean and M2 (sum of squared deviations from the mean) of one group of values: all a
 * one-way ANOVA or Welch's ANOVA needs, and what every {@code MetricStats} carries, so groups built
 * from merged aggregates are tested without their raw runs.
 */
record GroupSummary(long count, double mean, double m2) {

    static final GroupSummary EMPTY = new GroupSummary(0, 0, 0);

    static GroupSummary of(MetricStats stats) {
        return new GroupSummary(stats.getCount(), stats.getMean(), stats.getM2());
    }

    /** The groups as one (Chan et al.'s merge, summed over the groups at once). */
    static GroupSummary pooled(List<GroupSummary> groups) {
        long count = 0;
        double sum = 0;
        for (GroupSummary group : groups) {
            count += group.count;
            sum += group.count * group.mean;
        }
        if (count == 0) {
            return EMPTY;
        }
        double mean = sum / count;
        double m2 = 0;
        for (GroupSummary group : groups) {
            double delta = group.mean - mean;
            m2 += group.m2 + group.count * delta * delta;
        }
        return new GroupSummary(count, mean, m2);
    }

    /** Sample variance (n − 1); NaN below 2 values. */
    double variance() {
        return count < 2 ? Double.NaN : m2 / (count - 1);
    }
}
