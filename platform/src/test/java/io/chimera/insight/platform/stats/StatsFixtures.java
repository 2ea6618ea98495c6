package io.chimera.insight.platform.stats;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built aggregates for the comparison tests: only the fields the comparison reads are meaningful. */
final class StatsFixtures {

    private StatsFixtures() {
    }

    /** Statistics with the given count, mean and sample standard deviation. */
    static MetricStats stats(String unit, long count, double mean, double stddev) {
        return MetricStats.newBuilder()
                .setUnit(unit)
                .setCount(count)
                .setMean(mean)
                .setStddev(stddev)
                .setM2(stddev * stddev * Math.max(0, count - 1))
                .setMin(mean - stddev)
                .setMax(mean + stddev)
                .build();
    }

    static MetricStats tokensPerS(long count, double mean, double stddev) {
        return stats("tokens/s", count, mean, stddev);
    }

    static MetricStats ttftMs(long count, double mean, double stddev) {
        return stats("ms", count, mean, stddev);
    }

    /** A configuration; {@code configKey} stands for the config map, which the comparison does not read. */
    static ConfigStats config(String configKey, long runs, long failedRuns, Map<String, MetricStats> metrics) {
        return ConfigStats.newBuilder()
                .setConfigKey(configKey)
                .setConfig(new LinkedHashMap<>())
                .setRuns(runs)
                .setFailedRuns(failedRuns)
                .setMetrics(new LinkedHashMap<>(metrics))
                .build();
    }

    static ModelMetrics model(String model, List<ConfigStats> configs) {
        return ModelMetrics.newBuilder().setModel(model).setConfigs(configs).build();
    }
}
