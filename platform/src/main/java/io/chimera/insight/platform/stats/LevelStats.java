package io.chimera.insight.platform.stats;

/**
 * One level of a configuration key (say {@code num_gpu=80}), pooled over every configuration with
 * that level whatever its other keys: the marginal view a factorial sweep is read by. The spread
 * of the other keys is therefore part of the level's variance, and its interval is wider than a
 * single configuration's would be.
 *
 * @param configs how many configurations have this level
 * @param median  from the merged sketches (within 1 % of an order statistic near the middle); null
 *                when a configuration carries no sketch
 * @param ciLow   lower end of the 95 % confidence interval of the mean (Student's t, n − 1 degrees of
 *                freedom); null below 2 runs
 */
public record LevelStats(String level, int configs, long count, double mean, Double median, Double ciLow,
                         Double ciHigh) {
}
