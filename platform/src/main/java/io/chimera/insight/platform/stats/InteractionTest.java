package io.chimera.insight.platform.stats;

/** How the interaction of two configuration keys was tested ({@link KeyInteractions}). */
public enum InteractionTest {
    /** Two-way ANOVA's interaction F test: a complete grid with repeated runs in some cell. */
    TWO_WAY_ANOVA,
    /** Tukey's one-degree-of-freedom test for non-additivity: a complete grid with one run per cell. */
    TUKEY_NONADDITIVITY,
    /** Not testable: incomplete grid, confounded keys, no residual degrees of freedom or no variation. */
    NOT_TESTABLE
}
