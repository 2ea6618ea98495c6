package io.chimera.insight.platform.stats;

import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which runs a metric's effects are read from, the one choice {@link ParameterEffects} and
 * {@link KeyInteractions} share: tokens/s over all successful runs; TTFT over the warm runs when the
 * aggregate tells cold from warm ({@code coldStart} CLASSIFIED), because a model load adds ~1 s to
 * the first run after a change and would pass for an effect of whatever changed; otherwise over all
 * runs, and the description says so, and why: no load durations, or load durations counted before the
 * split ({@link LoadsBeforeSplit}).
 *
 * @param description what a reader is told the runs are
 * @param source      the moments of those runs in one configuration
 */
record MetricPopulation(ComparedMetric metric, String description,
                        Function<ConfigStats, Map<String, MetricStats>> source) {

    private static final String WARM = "warm runs";
    private static final String ALL = "all successful runs";

    /** Tokens/s, then TTFT. */
    static List<MetricPopulation> of(ModelMetrics metrics) {
        ColdStart cold = metrics.getColdStart();
        boolean warm = cold != null && cold.getStatus() == ColdStartStatus.CLASSIFIED;
        return List.of(
                new MetricPopulation(ComparedMetric.TOKENS_PER_S, ALL, ConfigStats::getMetrics),
                new MetricPopulation(ComparedMetric.TTFT_MS,
                        warm ? WARM : ALL + " (" + (LoadsBeforeSplit.runs(metrics) > 0 ? LoadsBeforeSplit.NOTE + ";"
                                : "no load durations:") + " cold starts not excluded)",
                        warm ? ConfigStats::getWarmMetrics : ConfigStats::getMetrics));
    }

    /** This metric's moments in {@code config}; null when it has no such run. */
    MetricStats stats(ConfigStats config) {
        MetricStats stats = source.apply(config).get(metric.name());
        return stats != null && stats.getCount() > 0 ? stats : null;
    }
}
