package io.chimera.insight.platform.stats;

/** What a {@link Recommendation} is about. */
public enum RecommendationKind {
    /** One whole configuration, named only when it has two or more runs (by its interval's worse end). */
    CONFIGURATION,
    /** One configuration key: its best level(s), or that it has no measurable effect, or why it was not tested. */
    PARAMETER,
    /** Runs paid a model load: keep the model warm before measuring. */
    WARMUP
}
