package io.chimera.insight.platform.stats;

import java.util.List;

/**
 * Whether the means of several groups differ: the classic one-way ANOVA (pooled within-group
 * variance) and Welch's ANOVA (each group weighted by n / variance, for unequal variances), both
 * from {@link GroupSummary}s, with p-values from commons-math3's {@link org.apache.commons.math3.distribution.FDistribution}.
 *
 * <p>Why not commons-math3's {@code OneWayAnova}: it takes the raw values (or {@code SummaryStatistics}
 * fed with them); the mergeable aggregate keeps count, mean and M2 per configuration, never the runs.
 * The F statistic is the same formula on those three numbers (tests compare it with scipy's
 * {@code f_oneway} on the raw values). Kruskal–Wallis, the rank-based alternative, needs every run's
 * rank and is therefore not available on an aggregate at all.
 */
final class GroupMeansTest {

    /** F, its degrees of freedom and the upper-tail p-value. */
    record Result(double f, double df1, double df2, double pValue) {
    }

    private GroupMeansTest() {
    }

    /**
     * Fisher's one-way ANOVA: F = (SSB / (k − 1)) / (SSW / (N − k)).
     *
     * @return null when there are no within-group degrees of freedom (N ≤ k) or no within-group variation
     */
    static Result oneWayAnova(List<GroupSummary> groups) {
        GroupSummary all = GroupSummary.pooled(groups);
        int k = groups.size();
        double ssb = 0;
        double ssw = 0;
        for (GroupSummary group : groups) {
            double delta = group.mean() - all.mean();
            ssb += group.count() * delta * delta;
            ssw += group.m2();
        }
        double dfWithin = all.count() - k;
        if (k < 2 || dfWithin < 1 || !(ssw > 0)) {
            return null;
        }
        double df1 = k - 1;
        double f = (ssb / df1) / (ssw / dfWithin);
        return new Result(f, df1, dfWithin, upperTail(f, df1, dfWithin));
    }

    /**
     * Welch's ANOVA (Welch 1951): weights w = n / s², F = [Σ w (m − μ*)² / (k − 1)] / [1 + 2(k − 2)/(k² − 1) · T],
     * T = Σ (1 − w / W)² / (n − 1), df2 = (k² − 1) / (3T).
     *
     * @return null unless every group has at least 2 values and a variance above 0
     */
    static Result welchAnova(List<GroupSummary> groups) {
        int k = groups.size();
        if (k < 2) {
            return null;
        }
        double[] weights = new double[k];
        double totalWeight = 0;
        double weightedMean = 0;
        for (int i = 0; i < k; i++) {
            GroupSummary group = groups.get(i);
            double variance = group.variance();
            if (!(variance > 0)) {
                return null;
            }
            weights[i] = group.count() / variance;
            totalWeight += weights[i];
            weightedMean += weights[i] * group.mean();
        }
        weightedMean /= totalWeight;
        double between = 0;
        double t = 0;
        for (int i = 0; i < k; i++) {
            GroupSummary group = groups.get(i);
            double delta = group.mean() - weightedMean;
            between += weights[i] * delta * delta;
            double share = 1 - weights[i] / totalWeight;
            t += share * share / (group.count() - 1);
        }
        double df1 = k - 1;
        double f = (between / df1) / (1 + 2.0 * (k - 2) / ((double) k * k - 1) * t);
        double df2 = ((double) k * k - 1) / (3 * t);
        return new Result(f, df1, df2, upperTail(f, df1, df2));
    }

    /** P(F' ≥ f) for F' ~ F(df1, df2): the p-value of every F test here. */
    static double upperTail(double f, double df1, double df2) {
        return Distributions.fUpperTail(f, df1, df2);
    }
}
