package io.chimera.insight.platform.stats;

/** How a key's effect was tested ({@link ParameterEffects}). */
public enum EffectTest {
    /** Fisher's one-way ANOVA: level variances within {@value ParameterEffects#VARIANCE_RATIO_LIMIT}× of each other. */
    ONE_WAY_ANOVA,
    /** Welch's ANOVA: level variances differ by more, where the pooled variance of the classic test misleads. */
    WELCH_ANOVA,
    /** No test: no repeated runs within levels, or no variation within them. */
    NOT_TESTED
}
