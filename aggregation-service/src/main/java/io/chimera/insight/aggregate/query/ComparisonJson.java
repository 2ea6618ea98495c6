package io.chimera.insight.aggregate.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.stats.BestConfig;
import io.chimera.insight.platform.stats.ComparedMetric;
import io.chimera.insight.platform.stats.ConfigComparison;
import io.chimera.insight.platform.stats.ConfigDelta;
import io.chimera.insight.platform.stats.MeanInterval;
import io.chimera.insight.platform.stats.Recommendations;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /models/{model}/configs}: the configurations and their {@link ConfigComparison}. The best
 * configuration per metric is the one {@link Recommendations#bestConfiguration} names (by the worse end
 * of its 95 % interval, among configurations with 2 or more runs; TTFT over warm runs when they are
 * split), the same one the report names: never a configuration known from one run, never the best mean.
 */
final class ComparisonJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ComparisonJson() {
    }

    static ObjectNode configs(ModelMetrics metrics) {
        ConfigComparison comparison = ConfigComparison.of(metrics);
        ObjectNode json = NODES.objectNode();
        json.put("model", metrics.getModel());
        json.set("configs", ModelMetricsJson.configs(metrics));
        json.set("comparison", comparison(metrics, comparison));
        return json;
    }

    private static ObjectNode comparison(ModelMetrics metrics, ConfigComparison comparison) {
        ObjectNode json = NODES.objectNode();
        Optional<String> baseline = comparison.baseline().map(ConfigStats::getConfigKey);
        if (baseline.isPresent()) {
            json.put("baselineConfigKey", baseline.get());
        } else {
            json.putNull("baselineConfigKey");
        }
        json.put("significanceLevel", ConfigComparison.SIGNIFICANCE_LEVEL);
        ObjectNode best = json.putObject("best");
        for (ComparedMetric metric : comparison.metrics()) {
            Optional<BestConfig> winner = Recommendations.bestConfiguration(metrics, metric);
            if (winner.isPresent()) {
                ObjectNode named = best(winner.get(), Recommendations.population(metrics, metric));
                // 1: the only configuration with an interval, not ranked against anything.
                named.put("rankedAmong", Recommendations.replicatedConfigurations(metrics, metric));
                best.set(metric.name(), named);
            } else {
                best.putNull(metric.name());
            }
        }
        json.put("bestRule", "among configurations with at least " + ConfigComparison.MIN_RUNS_FOR_BEST
                + " runs, the best worse end of the 95 % interval of the mean (lower bound where higher is better, "
                + "upper bound where lower is); null when no configuration has that many");
        ArrayNode deltas = json.putArray("deltas");
        comparison.deltas().forEach(delta -> deltas.add(delta(delta)));
        return json;
    }

    private static ObjectNode best(BestConfig best, String population) {
        ObjectNode json = NODES.objectNode();
        json.put("configKey", best.configKey());
        json.put("better", direction(best.metric()));
        json.put("unit", best.unit());
        json.put("count", best.stats().getCount());
        ModelMetricsJson.putNumber(json, "mean", best.mean());
        MeanInterval interval = best.interval().orElseThrow();
        ModelMetricsJson.putNumber(json, "ciLow", interval.low());
        ModelMetricsJson.putNumber(json, "ciHigh", interval.high());
        json.put("population", population);
        return json;
    }

    private static ObjectNode delta(ConfigDelta delta) {
        ObjectNode json = NODES.objectNode();
        json.put("metric", delta.metric().name());
        json.put("better", direction(delta.metric()));
        json.put("unit", delta.unit());
        json.put("baselineConfigKey", delta.baselineConfigKey());
        json.put("configKey", delta.otherConfigKey());
        json.put("baselineCount", delta.baselineCount());
        json.put("count", delta.otherCount());
        ModelMetricsJson.putNumber(json, "baselineMean", delta.baselineMean());
        ModelMetricsJson.putNumber(json, "mean", delta.otherMean());
        ModelMetricsJson.putNumber(json, "difference", delta.difference());
        ModelMetricsJson.putNumber(json, "relativeDifference", delta.relativeDifference());
        ModelMetricsJson.putNumber(json, "improvement", delta.improvement());
        ModelMetricsJson.putNumber(json, "pValue", delta.pValue());
        json.put("significant", delta.significant());
        return json;
    }

    private static String direction(ComparedMetric metric) {
        return metric.better().name().toLowerCase(Locale.ROOT);
    }
}
