package io.chimera.insight.report.render;

import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.stats.BestConfig;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.metrics.Better;
import io.chimera.insight.platform.stats.ConfigComparison;
import io.chimera.insight.platform.stats.FigureFormat;
import io.chimera.insight.platform.stats.MeanInterval;
import io.chimera.insight.platform.stats.ParameterEffects;
import io.chimera.insight.platform.stats.Recommendation;
import io.chimera.insight.platform.stats.Recommendations;
import java.util.Optional;

/** Headline figures of a model, derived from its aggregate only. */
public final class Headlines {

    private Headlines() {
    }

    public static Optional<Double> p50(ModelMetrics metrics, String metric) {
        MetricStats stats = metrics.getMetrics().get(metric);
        return stats == null || stats.getCount() == 0 ? Optional.empty() : Optional.of(stats.getP50());
    }

    /** Successful runs that paid a model load; empty when the aggregate does not tell cold from warm. */
    public static Optional<Long> coldRuns(ModelMetrics metrics) {
        ColdStart cold = metrics.getColdStart();
        return cold == null || cold.getStatus() != ColdStartStatus.CLASSIFIED ? Optional.empty()
                : Optional.of(cold.getColdRuns());
    }

    /** The median of {@code metric} over the warm runs; empty when runs are not split or none is warm. */
    public static Optional<Double> warmP50(ModelMetrics metrics, String metric) {
        ColdStart cold = metrics.getColdStart();
        if (cold == null || cold.getStatus() != ColdStartStatus.CLASSIFIED) {
            return Optional.empty();
        }
        MetricStats stats = cold.getWarm().get(metric);
        return stats == null || stats.getCount() == 0 ? Optional.empty() : Optional.of(stats.getP50());
    }

    /** The key ranked first for tokens/s, with its η² and Holm-corrected p, in one line; empty when no key has two levels. */
    public static Optional<String> topThroughputEffect(ModelMetrics metrics) {
        return ParameterEffects.of(metrics).effects().stream()
                .filter(e -> e.metric().equals(ComparedMetric.TOKENS_PER_S) && e.rank() == 1)
                .findFirst()
                .map(e -> e.label() + ": eta2 " + (e.etaSquared() == null ? "n/a" : Figures.format(e.etaSquared()))
                        + (e.adjustedP() == null ? ", not tested"
                                : ", p " + ComparisonSection.pValue(e.adjustedP()) + " (" + ParameterEffects.CORRECTION
                                        + "), " + (e.significant() ? "significant" : "not significant")));
    }

    /** The configuration with the highest mean tokens/s, when there is more than one to choose from. */
    public static Optional<ConfigStats> bestThroughputConfig(ModelMetrics metrics) {
        return best(metrics, ComparedMetric.TOKENS_PER_S).map(BestConfig::config);
    }

    /**
     * The configuration to recommend for {@code metric} ({@link Recommendations#bestConfiguration}: by its
     * interval, among configurations with 2 or more runs, TTFT over warm runs when they are split), when at
     * least two configurations have a value of it: a single one is no choice. Never a configuration known
     * from one run.
     */
    public static Optional<BestConfig> best(ModelMetrics metrics, ComparedMetric metric) {
        return Recommendations.bestConfiguration(metrics, metric);
    }

    /** The reason of the recommendation to lead with ({@link Recommendations#headline}); empty when there is none. */
    public static Optional<String> headlineRecommendation(ModelMetrics metrics) {
        return Recommendations.of(metrics).headline().map(Recommendation::reason);
    }

    private static long measuredConfigs(ModelMetrics metrics, ComparedMetric metric) {
        return metrics.getConfigs().stream()
                .map(c -> c.getMetrics().get(metric.name()))
                .filter(s -> s != null && s.getCount() > 0)
                .count();
    }

    /**
     * A Markdown bullet naming the best configuration for {@code metric} with its n and interval, or,
     * where configurations were measured but none has 2 runs, saying why none is named; nothing when
     * there is no choice to make.
     */
    static void appendBest(StringBuilder md, String label, ModelMetrics metrics, ComparedMetric metric) {
        if (measuredConfigs(metrics, metric) < 2) {
            return;
        }
        Optional<BestConfig> best = best(metrics, metric);
        if (best.isEmpty()) {
            md.append("- ").append(label).append(": none named: no configuration has ")
                    .append(ConfigComparison.MIN_RUNS_FOR_BEST)
                    .append(" or more successful runs, and one run cannot be told from noise (see the per-parameter "
                            + "effects)\n");
            return;
        }
        BestConfig b = best.get();
        MeanInterval interval = b.interval().orElseThrow();
        if (Recommendations.replicatedConfigurations(metrics, metric) == 1) {
            // Nothing to rank it against: the other configurations have one run each and no interval.
            md.append("- ").append(label).append(": none ranked: only ")
                    .append(MarkdownText.inline(configLabel(b.config()))).append(" has ")
                    .append(ConfigComparison.MIN_RUNS_FOR_BEST).append(" or more runs (")
                    .append(population(metrics, metric)).append("n = ").append(b.stats().getCount())
                    .append(", mean ").append(Figures.format(b.mean())).append(' ').append(MarkdownText.inline(b.unit()))
                    .append(", 95 % CI ").append(Figures.format(interval.low())).append(" to ")
                    .append(Figures.format(interval.high()))
                    .append("); the others have one run each and cannot be compared with it\n");
            return;
        }
        md.append("- ").append(label).append(": ").append(MarkdownText.inline(configLabel(b.config()))).append(" at ")
                .append(Figures.format(b.mean())).append(' ').append(MarkdownText.inline(b.unit()))
                .append(" mean (").append(population(metrics, metric)).append("n = ").append(b.stats().getCount())
                .append(", 95 % CI ")
                .append(Figures.format(interval.low())).append(" to ").append(Figures.format(interval.high()))
                .append("; ranked by the ").append(metric.better() == Better.LOWER ? "upper" : "lower")
                .append(" end of the interval among configurations with ").append(ConfigComparison.MIN_RUNS_FOR_BEST)
                .append(" or more runs)\n");
    }

    /** "warm runs, " where the metric is judged on the warm runs only; nothing when on all of them. */
    private static String population(ModelMetrics metrics, ComparedMetric metric) {
        String population = Recommendations.population(metrics, metric);
        return population.startsWith("warm") ? population + ", " : "";
    }

    /** A config map printed as {@code k=v, k=v}; {@link FigureFormat#NO_CONFIGURATION} for runs without one. */
    public static String configLabel(ConfigStats config) {
        return configLabel(config.getConfigKey());
    }

    /** A config key printed as {@code k=v, k=v}; {@link FigureFormat#NO_CONFIGURATION} for the empty one. */
    public static String configLabel(String configKey) {
        return FigureFormat.configLabel(configKey);
    }
}
