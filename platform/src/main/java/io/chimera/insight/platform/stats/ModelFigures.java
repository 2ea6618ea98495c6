package io.chimera.insight.platform.stats;

import io.chimera.insight.events.ModelMetrics;
import java.util.Objects;

/**
 * What one model's aggregate says about its configuration keys, worked out once: the parameter
 * effects, the key interactions and the recommendations (which rest on both). An analysis builds its
 * prompt and verifies the answer from the same aggregate, and each of them, and the recommendations
 * inside each, worked these out again: five passes over every configuration per analysis, each
 * decoding the configurations' sketches for the levels' medians (JFR of bench steps 8 and 9). Immutable.
 */
public record ModelFigures(ParameterEffects effects, KeyInteractions interactions, Recommendations recommendations) {

    public ModelFigures {
        Objects.requireNonNull(effects, "effects");
        Objects.requireNonNull(interactions, "interactions");
        Objects.requireNonNull(recommendations, "recommendations");
    }

    /** The figures of {@code metrics}, as {@link ParameterEffects#of}, {@link KeyInteractions#of} and {@link Recommendations#of} give them. */
    public static ModelFigures of(ModelMetrics metrics) {
        // The configurations read into columns once, for both (see ConfigColumns).
        ConfigColumns columns = ConfigColumns.of(metrics);
        ParameterEffects effects = ParameterEffects.of(columns);
        KeyInteractions interactions = KeyInteractions.of(columns);
        return new ModelFigures(effects, interactions, Recommendations.of(metrics, effects, interactions));
    }
}
