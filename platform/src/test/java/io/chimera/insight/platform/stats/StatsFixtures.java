package io.chimera.insight.platform.stats;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.sketch.SketchCodec;
import java.nio.ByteBuffer;
import java.util.Arrays;
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

    /** What the aggregation publishes for these runs' values: exact moments, the median, and a 1 % sketch. */
    static MetricStats measured(String unit, double... values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        double m2 = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        DDSketch sketch = DDSketches.logarithmicUnboundedDense(0.01);
        Arrays.stream(values).forEach(sketch::accept);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return MetricStats.newBuilder().setUnit(unit).setCount(values.length).setMean(mean).setM2(m2)
                .setStddev(values.length < 2 ? 0 : Math.sqrt(m2 / (values.length - 1))).setP50(median)
                .setSketch(ByteBuffer.wrap(SketchCodec.encode(sketch)))
                .build();
    }
}
