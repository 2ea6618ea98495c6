package io.chimera.insight.bench.scaling;

import java.time.Duration;
import java.util.List;

/**
 * What {@code chimera bench --scaling} measures: ingest and the aggregation at each corpus size
 * (files, the mixed corpus of the bench), then at each number of configurations of one model (the
 * same runs in total at each, so only the configurations grow).
 *
 * @param files      corpus sizes, in files, smallest first (the constructor sorts them)
 * @param configs    configurations of the one swept model, fewest first (sorted too)
 * @param configRuns runs of that model at each point (split evenly over its configurations, at least one each)
 * @param aggregationTimeout how long a point's aggregation may take to catch up before the point is reported
 *                   as failed (its series then misses) and the next point runs
 */
public record ScalingPlan(List<Integer> files, List<Integer> configs, int configRuns, Duration aggregationTimeout) {

    /** How long a point's aggregation may take by default: far longer than any point took when its costs stayed flat. */
    public static final Duration DEFAULT_AGGREGATION_TIMEOUT = Duration.ofMinutes(30);

    /** The cost per run may grow at most this much over the first (smallest) point of its series. */
    public static final double MOST_GROWTH = 1.5;

    public ScalingPlan {
        // Sorted: a series' growth is judged against its first point, which must be its smallest work.
        files = files.stream().sorted().toList();
        configs = configs.stream().sorted().toList();
        if (files.stream().anyMatch(n -> n < 1) || configs.stream().anyMatch(n -> n < 1) || configRuns < 1) {
            throw new IllegalArgumentException("files, configurations and runs must be positive");
        }
        if (aggregationTimeout.isNegative() || aggregationTimeout.isZero()) {
            throw new IllegalArgumentException("the aggregation's timeout must be positive");
        }
    }

    /** Runs of each configuration at {@code configurations}: the runs split evenly, at least one. */
    public int runsPerConfig(int configurations) {
        return Math.max(1, configRuns / configurations);
    }

    /** Progress steps: the broker, a warm-up (and one of the configurations series when it has points), each point, the table, memory. */
    public int steps() {
        return 4 + (configs.isEmpty() ? 0 : 1) + files.size() + configs.size();
    }
}
