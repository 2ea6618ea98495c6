package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.platform.change.ChangeSettings;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What counts as a change, per metric: one set of settings for every metric and, for some, a minimum
 * effect of their own. The issue asks for a minimum effect "configurable per metric" because the
 * metrics differ in noise: throughput varies by about 1 % between runs, TTFT by far more, so a 5 %
 * step is news for the one and weather for the other. Only the minimum effect varies: the
 * significance level is chosen for the false-alarm rate of the whole detector (docs/architecture.md,
 * "Change detection"), not for a metric.
 *
 * @param defaults   the settings of a metric without an override
 * @param minEffects each overridden metric's minimum effect, in [0, 1)
 */
public record ChangeSettingsByMetric(ChangeSettings defaults, Map<CanonicalMetric, Double> minEffects) {

    /** {@link ChangeSettings#DEFAULTS} for every metric. */
    public static final ChangeSettingsByMetric DEFAULTS = new ChangeSettingsByMetric(ChangeSettings.DEFAULTS, Map.of());

    public ChangeSettingsByMetric {
        Objects.requireNonNull(defaults, "defaults");
        checkMinEffect("the default", defaults.minEffect());
        minEffects.forEach((metric, minEffect) -> checkMinEffect(metric.canonicalName(), minEffect));
        minEffects = Map.copyOf(minEffects);
    }

    /** These settings with {@code metric}'s minimum effect set to {@code minEffect}. */
    public ChangeSettingsByMetric withMinEffect(CanonicalMetric metric, double minEffect) {
        Map<CanonicalMetric, Double> next = new EnumMap<>(CanonicalMetric.class);
        next.putAll(minEffects);
        next.put(Objects.requireNonNull(metric, "metric"), minEffect);
        return new ChangeSettingsByMetric(defaults, next);
    }

    /**
     * The settings of the metric of this canonical name: the defaults with its own minimum effect if
     * it has one. A name the catalogue does not know gets the defaults.
     */
    public ChangeSettings forMetric(String canonicalName) {
        return CanonicalMetric.named(canonicalName)
                .map(minEffects::get)
                .map(defaults::withMinEffect)
                .orElse(defaults);
    }

    // A relative change of 100 % or more cannot be reached by a drop (a mean can fall by less than
    // all of itself), so such a minimum would silence every regression of a higher-is-better metric.
    private static void checkMinEffect(String whose, double minEffect) {
        if (!(minEffect >= 0 && minEffect < 1)) {
            throw new IllegalArgumentException("the minimum effect of " + whose + " must be in [0, 1), got " + minEffect);
        }
    }
}
