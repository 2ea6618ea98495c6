package io.chimera.insight.platform.stats;

import java.util.Objects;

/**
 * One recommendation drawn from a model's aggregate ({@link Recommendations}), with the evidence it
 * rests on.
 *
 * @param kind    what it is about
 * @param setting what to set: a config label ({@code num_ctx=2048, num_gpu=80}), a key and its level(s)
 *                ({@code num_gpu=80–999}), a key alone when its level does not matter, or
 *                {@code keep the model warm}
 * @param metric  the metric it is for
 * @param reason  one sentence with the numbers behind it
 * @param n       runs it rests on: the configuration's or best level's runs, all the key's runs when no
 *                level is recommended, the cold runs for a warm-up
 * @param ciLow   lower end of the 95 % interval of the mean behind it; null where there is none (a key
 *                without a recommended level, a warm-up: medians, not a mean)
 * @param ciHigh  upper end of that interval; null with {@code ciLow}
 */
public record Recommendation(RecommendationKind kind, String setting, ComparedMetric metric, String reason, long n,
                             Double ciLow, Double ciHigh) {

    public Recommendation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(reason, "reason");
    }
}
