package io.chimera.insight.platform.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The effect of one configuration key on one metric, its levels pooled over the other keys.
 *
 * @param population       which runs: "warm runs" or "all successful runs" (with why)
 * @param configsWithoutKey configurations that do not set this key, and are left out of it
 * @param testReason       why this test (or none)
 * @param pValue           of "every level has the same mean"; null when not tested
 * @param adjustedP        {@code pValue} corrected by Holm's method over every test of the report
 * @param etaSquared       share of the metric's variance the key's levels explain (SSB / SST), 0 to 1
 * @param spreadPercent    highest level mean minus lowest, in % of the overall mean
 * @param rank             1 for the key that explains most of this metric's variance; confounded keys share one
 * @param confoundedWith   keys whose levels split this metric's runs into the same groups as this key's (one
 *                         level of it is one level of each of them), so their effects cannot be separated from
 *                         this one's; empty for most keys
 */
public record ParameterEffect(String key, ComparedMetric metric, String population, List<LevelStats> levels,
                              int configsWithoutKey, EffectTest test, String testReason, Double f, Double df1,
                              Double df2, Double pValue, Double adjustedP, Double etaSquared, Double spreadPercent,
                              int rank, List<String> confoundedWith) {

    public ParameterEffect {
        levels = List.copyOf(levels);
        confoundedWith = List.copyOf(confoundedWith);
    }

    /** Other keys share this key's effect: "num_ctx = num_gpu (confounded)" rather than either alone. */
    public boolean confounded() {
        return !confoundedWith.isEmpty();
    }

    /** The key, or the confounded keys in name order joined by " = " with "(confounded)": what to name it by. */
    public String label() {
        if (confoundedWith.isEmpty()) {
            return key;
        }
        List<String> all = new ArrayList<>(confoundedWith);
        all.add(key);
        all.sort(null);
        return String.join(" = ", all) + " (confounded)";
    }

    /** Distinguishable from noise: the Holm-adjusted p-value is below {@link ParameterEffects#SIGNIFICANCE_LEVEL}. */
    public boolean significant() {
        return adjustedP != null && adjustedP < ParameterEffects.SIGNIFICANCE_LEVEL;
    }
}
