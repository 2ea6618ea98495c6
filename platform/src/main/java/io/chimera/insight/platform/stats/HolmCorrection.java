package io.chimera.insight.platform.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down correction of p-values for the number of tests (Holm 1979): the i-th smallest of
 * m p-values is multiplied by m − i + 1, and the results are made non-decreasing and capped at 1.
 * Rejecting where the adjusted p-value is below α keeps the chance of any false claim (the
 * family-wise error rate) at α.
 *
 * <p>Why Holm and not Benjamini–Hochberg: the effects of a sweep's keys are tested on the same runs,
 * so the tests are dependent in ways nobody checks; Holm holds under any dependence, BH only under
 * independence or positive dependence. And a report has a handful of keys, where Holm costs little power.
 */
final class HolmCorrection {

    private HolmCorrection() {
    }

    /** Adjusted p-values, in the order of {@code pValues}. */
    static double[] adjust(double[] pValues) {
        int m = pValues.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
