package io.chimera.insight.analysis.prompt;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Hand-written aggregates for prompt and verifier tests. */
public final class MetricsFixture {

    private MetricsFixture() {
    }

    /** Statistics with every field given explicitly (p90 between p50 and p95). */
    public static MetricStats stats(String unit, long n, double mean, double stddev, double min,
                                    double p50, double p90, double p95, double p99, double max) {
        return MetricStats.newBuilder()
                .setUnit(unit).setCount(n).setMean(mean).setStddev(stddev).setMin(min)
                .setP50(p50).setP90(p90).setP95(p95).setP99(p99).setMax(max)
                .build();
    }

    /** A configuration with only mean tokens/s and TTFT known (other statistics equal the mean). */
    public static ConfigStats config(Map<String, String> settings, long runs, long failed,
                                     double meanTokensPerS, double meanTtftMs) {
        Map<String, MetricStats> metrics = new LinkedHashMap<>();
        long n = runs - failed;
        metrics.put("tokens_per_s", flat("tokens/s", n, meanTokensPerS));
        metrics.put("ttft_ms", flat("ms", n, meanTtftMs));
        return ConfigStats.newBuilder()
                .setConfigKey(key(settings))
                .setConfig(new TreeMap<>(settings))
                .setRuns(runs)
                .setFailedRuns(failed)
                .setMetrics(metrics)
                .build();
    }

    public static MetricStats flat(String unit, long n, double value) {
        return stats(unit, n, value, 0, value, value, value, value, value, value);
    }

    public static String key(Map<String, String> settings) {
        return new TreeMap<>(settings).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /**
     * gemma3:270m, 12 runs (2 failed) from 2 files; tokens_per_s mean 85.2, ttft_ms mean 4633.27;
     * two configurations: num_ctx=2048 (6 runs, 100 tokens/s, 4000 ms) and num_ctx=4096
     * (6 runs, 2 failed, 80 tokens/s, 5266.54 ms).
     */
    public static ModelMetrics gemma() {
        Map<String, MetricStats> metrics = new LinkedHashMap<>();
        metrics.put("ttft_ms", stats("ms", 10, 4633.27, 512.5, 3900, 4600.4, 5100, 5200.75, 5250, 5266.54));
        metrics.put("tokens_per_s", stats("tokens/s", 10, 85.2, 9.87, 70.1, 86, 96, 98.4, 99.9, 100.2));
        List<ConfigStats> configs = new ArrayList<>();
        configs.add(config(Map.of("num_ctx", "2048", "temperature", "0.7"), 6, 0, 100, 4000));
        configs.add(config(Map.of("num_ctx", "4096", "temperature", "0.7"), 6, 2, 80, 5266.54));
        return ModelMetrics.newBuilder()
                .setModel("gemma3:270m")
                .setRuns(12)
                .setFailedRuns(2)
                .setFiles(List.of("/rigs/out/gemma3_270m_param_tuning.csv", "/rigs/out/run_2025-01-15.json"))
                .setMetrics(metrics)
                .setConfigs(configs)
                .setFirstSeen(Instant.parse("2025-01-15T10:00:00Z"))
                .setLastSeen(Instant.parse("2025-01-15T11:00:00Z"))
                .setUpdatedAt(Instant.parse("2025-01-15T11:00:00Z"))
                .build();
    }
}
