package io.chimera.insight.platform.stats;

/**
 * Whether the effect of one configuration key on one metric depends on the level of another, the
 * two keys' levels crossed into cells pooled over the remaining keys ({@link KeyInteractions}).
 *
 * @param keyA                   the first key, in name order
 * @param population             which runs ({@link ParameterEffect#population()})
 * @param notTestableReason      why there is no test; null when tested
 * @param pValue                 of "the effects are additive"; null when not tested
 * @param adjustedP              {@code pValue} corrected by Holm's method over the interaction tests of the report
 * @param etaSquared             share of the metric's variance (over the runs of the grid) the interaction explains
 * @param largestDeviationPercent the cell mean furthest from the additive model's fit, its distance (signed:
 *                               above the fit is positive) in % of the overall mean
 * @param largestDeviationLevelA that cell's level of {@code keyA}
 * @param largestDeviationCount  that cell's runs: a deviation carried by one run is one run's word
 */
public record KeyInteraction(String keyA, String keyB, ComparedMetric metric, String population,
                             InteractionTest test, String notTestableReason, Double f, Double df1, Double df2,
                             Double pValue, Double adjustedP, Double etaSquared, Double largestDeviationPercent,
                             String largestDeviationLevelA, String largestDeviationLevelB,
                             Long largestDeviationCount) {

    /** The effect of one key clearly depends on the other: Holm-adjusted p below {@link ParameterEffects#SIGNIFICANCE_LEVEL}. */
    public boolean flagged() {
        return adjustedP != null && adjustedP < ParameterEffects.SIGNIFICANCE_LEVEL;
    }
}
