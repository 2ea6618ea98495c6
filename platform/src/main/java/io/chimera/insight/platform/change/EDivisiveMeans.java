package io.chimera.insight.platform.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Change points by e-divisive means, as Apache Otava (formerly Hunter) finds them: split the series
 * where the {@link EnergyDivergence} of the two sides is largest, confirm the split with a
 * two-sample test, and split each side again, until no candidate is confirmed. Otava's change from
 * Matteson and James is kept: the significance of a split comes from a t-test (Student's by
 * default, as Otava's; see {@link ChangeTest}) rather than a permutation test, so the answer is
 * deterministic and cheap.
 *
 * <p>A candidate is confirmed when its p-value is at most {@code alpha} and the data are consistent
 * with a relative change of the mean of at least {@code minEffect} (the far end of its 95 %
 * interval reaches it), comparing the two sides the divergence found most different (the segment's
 * start to tau, tau to kappa). When the bisection is done, every change
 * point is tested again against its final neighbours (the segments between it and the change points beside it), as
 * Otava's merge step does: the weakest failing point is dropped and its neighbours re-tested, until
 * every remaining point passes, so each reported before/after is the segment a reader would compare.
 *
 * <p>Cost: O(m<sup>2</sup>) per segment of m values, so O(n<sup>2</sup>) for a stationary series and
 * at most O(k n<sup>2</sup>) with k change points.
 */
public final class EDivisiveMeans implements ChangeDetector {

    private final ChangeSettings settings;

    public EDivisiveMeans(ChangeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A detector with {@link ChangeSettings#DEFAULTS}. */
    public static EDivisiveMeans withDefaults() {
        return new EDivisiveMeans(ChangeSettings.DEFAULTS);
    }

    public ChangeSettings settings() {
        return settings;
    }

    @Override
    public List<ChangePoint> detect(double[] values) {
        return detect(values, (DivergenceSweep) null);
    }

    /**
     * {@inheritDoc} The whole series' divergence search, the first of the bisection, resumes
     * {@code sweep} (null: searched afresh); the searches of its sides, made only once a change is
     * confirmed, are made afresh.
     */
    @Override
    public List<ChangePoint> detect(double[] values, DivergenceSweep sweep) {
        if (sweep != null && sweep.minSegment() != settings.minSegment()) {
            throw new IllegalArgumentException("a sweep of minSegment " + sweep.minSegment() + " for a detector of "
                    + settings.minSegment());
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("change detection needs finite values; value " + i + " is " + values[i]);
            }
        }
        List<Integer> indices = new ArrayList<>();
        EnergyDivergence.Split whole = sweep == null
                ? EnergyDivergence.best(values, 0, values.length, settings.minSegment())
                : sweep.best(values);
        bisect(values, 0, values.length, whole, indices);
        indices.sort(null);
        return merge(values, indices);
    }

    private void bisect(double[] values, int from, int to, List<Integer> indices) {
        bisect(values, from, to, EnergyDivergence.best(values, from, to, settings.minSegment()), indices);
    }

    /** {@code split}: the best split of {@code values[from, to)}. */
    private void bisect(double[] values, int from, int to, EnergyDivergence.Split split, List<Integer> indices) {
        // Tested on the two sides the divergence compared, z[from, tau) and z[tau, kappa): with a
        // second change before the end of the segment (down, then up past the start), the whole
        // right side would mix both levels and hide the first change.
        if (split == null
                || !confirmed(SegmentComparison.compare(settings.test(), values, from, split.tau(), split.kappa()))) {
            return;
        }
        indices.add(split.tau());
        bisect(values, from, split.tau(), indices);
        bisect(values, split.tau(), to, indices);
    }

    /** Re-tests each point against its final neighbours; drops the weakest failing one until all pass. */
    private List<ChangePoint> merge(double[] values, List<Integer> indices) {
        while (true) {
            List<SegmentComparison> comparisons = new ArrayList<>(indices.size());
            for (int k = 0; k < indices.size(); k++) {
                int from = k == 0 ? 0 : indices.get(k - 1);
                int to = k == indices.size() - 1 ? values.length : indices.get(k + 1);
                comparisons.add(SegmentComparison.compare(settings.test(), values, from, indices.get(k), to));
            }
            int weakest = weakestFailing(comparisons);
            if (weakest < 0) {
                return comparisons.stream().map(SegmentComparison::point).toList();
            }
            indices.remove(weakest);
        }
    }

    /** The failing point with the largest p-value (the smallest effect among equal p-values); -1 when all pass. */
    private int weakestFailing(List<SegmentComparison> comparisons) {
        int weakest = -1;
        for (int k = 0; k < comparisons.size(); k++) {
            SegmentComparison comparison = comparisons.get(k);
            if (confirmed(comparison)) {
                continue;
            }
            if (weakest < 0 || weaker(comparison.point(), comparisons.get(weakest).point())) {
                weakest = k;
            }
        }
        return weakest;
    }

    private static boolean weaker(ChangePoint a, ChangePoint b) {
        double pa = Double.isNaN(a.pValue()) ? 1 : a.pValue();
        double pb = Double.isNaN(b.pValue()) ? 1 : b.pValue();
        if (pa != pb) {
            return pa > pb;
        }
        return effect(a) < effect(b);
    }

    /**
     * Significant, and the data are consistent with a change of at least the minimum effect: the far
     * end of the change's 95 % interval reaches it. Judging the point estimate instead would pass a
     * true step of exactly the minimum effect only when the noise happens to measure it larger, about
     * half the time however clear the step; the interval passes it, and still rules out a clearly
     * smaller change once the runs pin it down (docs/architecture.md, "Change detection").
     */
    private boolean confirmed(SegmentComparison comparison) {
        // Both must hold; the cheaper is asked first, so a candidate failing it skips the other (the
        // same answer in either order). Student's effect takes a remembered quantile and its p-value a
        // regularized beta; Welch's effect solves for a quantile of fractional degrees of freedom.
        if (settings.test() == ChangeTest.STUDENT) {
            return reachesMinEffect(comparison) && significant(comparison);
        }
        return significant(comparison) && reachesMinEffect(comparison);
    }

    private boolean significant(SegmentComparison comparison) {
        return comparison.pValue() <= settings.alpha();
    }

    private boolean reachesMinEffect(SegmentComparison comparison) {
        return comparison.largestPlausibleEffect() >= settings.minEffect();
    }

    /** |after / before - 1|; from a zero mean to any other the relative change is unbounded, so it counts as infinite. */
    private static double effect(ChangePoint point) {
        double change = Math.abs(point.changeFraction());
        return Double.isNaN(change) ? (point.after().mean() == point.before().mean() ? 0 : Double.POSITIVE_INFINITY) : change;
    }
}
