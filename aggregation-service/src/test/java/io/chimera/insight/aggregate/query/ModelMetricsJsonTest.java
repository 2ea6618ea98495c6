package io.chimera.insight.aggregate.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelMetricsJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static MetricStats tokens(long count, double mean, double stddev) {
        return MetricStats.newBuilder()
                .setUnit("tokens/s").setCount(count).setMean(mean).setStddev(stddev).setM2(123.0)
                .setMin(mean - 1).setMax(mean + 1).setP50(mean).setP90(mean + 0.5).setP95(mean + 0.7).setP99(mean + 0.9)
                .setSketch(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .build();
    }

    private static ConfigStats config(String key, Map<String, String> config, long runs, MetricStats tokens) {
        Map<String, MetricStats> metrics = new LinkedHashMap<>();
        if (tokens != null) {
            metrics.put("tokens_per_s", tokens);
        }
        return ConfigStats.newBuilder().setConfigKey(key).setConfig(new LinkedHashMap<>(config)).setRuns(runs)
                .setFailedRuns(0).setMetrics(metrics).build();
    }

    private static ModelMetrics gemma() {
        return ModelMetrics.newBuilder()
                .setModel("gemma3:270m")
                .setRuns(12)
                .setFailedRuns(2)
                .setSummaryRecords(1)
                .setFirstSeen(Instant.parse("2025-03-01T10:00:00Z"))
                .setLastSeen(Instant.parse("2025-03-01T10:05:00Z"))
                .setUpdatedAt(Instant.parse("2025-03-01T10:05:01Z"))
                .setFiles(List.of("results/a.csv", "results/b.json"))
                .setMetrics(new LinkedHashMap<>(Map.of("tokens_per_s", tokens(10, 101.5, 2.0))))
                .setConfigs(List.of(
                        config("", Map.of(), 6, tokens(5, 100, 2)),
                        config("num_gpu=80", Map.of("num_gpu", "80"), 6, tokens(5, 103, 2))))
                .build();
    }

    private static JsonNode roundTrip(JsonNode node) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(node));
    }

    @Test
    void aModelCarriesItsFiguresAndConfigsButNoMergeInternals() throws Exception {
        JsonNode json = roundTrip(ModelMetricsJson.model(gemma()));

        assertThat(json.path("model").asText()).isEqualTo("gemma3:270m");
        assertThat(json.path("runs").asLong()).isEqualTo(12);
        assertThat(json.path("failedRuns").asLong()).isEqualTo(2);
        assertThat(json.path("summaryRecords").asLong()).isEqualTo(1);
        assertThat(json.path("files")).extracting(JsonNode::asText).containsExactly("results/a.csv", "results/b.json");
        JsonNode tokens = json.path("metrics").path("tokens_per_s");
        assertThat(tokens.path("unit").asText()).isEqualTo("tokens/s");
        assertThat(tokens.path("count").asLong()).isEqualTo(10);
        assertThat(tokens.path("mean").asDouble()).isEqualTo(101.5);
        assertThat(tokens.path("stddev").asDouble()).isEqualTo(2.0);
        assertThat(tokens.path("p95").asDouble()).isEqualTo(102.2);
        assertThat(tokens.has("sketch")).isFalse();
        assertThat(tokens.has("m2")).isFalse();
        assertThat(json.path("configs")).hasSize(2);
        assertThat(json.path("configs").get(1).path("config").path("num_gpu").asText()).isEqualTo("80");
        assertThat(json.path("configs").get(1).path("metrics").path("tokens_per_s").path("mean").asDouble()).isEqualTo(103.0);
    }

    @Test
    void timesAreIsoStringsAndTheEpochMeansNotApplicable() throws Exception {
        JsonNode json = roundTrip(ModelMetricsJson.model(gemma()));

        assertThat(json.path("firstSeen").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(json.path("updatedAt").asText()).isEqualTo("2025-03-01T10:05:01Z");
        assertThat(json.path("oldestPendingIngestAt").isNull()).as("nothing pending").isTrue();
    }

    @Test
    void nonFiniteNumbersBecomeNullSoTheJsonStaysValid() throws Exception {
        ModelMetrics metrics = gemma();
        metrics.getMetrics().put("odd", MetricStats.newBuilder(tokens(3, Double.NaN, Double.POSITIVE_INFINITY)).build());

        JsonNode odd = roundTrip(ModelMetricsJson.model(metrics)).path("metrics").path("odd");

        assertThat(odd.path("mean").isNull()).isTrue();
        assertThat(odd.path("stddev").isNull()).isTrue();
        assertThat(odd.path("count").asLong()).isEqualTo(3);
    }

    @Test
    void aSummaryHasCountsAndTimesOnly() throws Exception {
        JsonNode json = roundTrip(ModelMetricsJson.summary(gemma()));

        assertThat(json.path("model").asText()).isEqualTo("gemma3:270m");
        assertThat(json.path("runs").asLong()).isEqualTo(12);
        assertThat(json.path("configCount").asInt()).isEqualTo(2);
        assertThat(json.path("fileCount").asInt()).isEqualTo(2);
        assertThat(json.path("lastSeen").asText()).isEqualTo("2025-03-01T10:05:00Z");
        assertThat(json.has("metrics")).isFalse();
    }

    @Test
    void theConfigsViewCarriesTheComparison() throws Exception {
        JsonNode json = roundTrip(ComparisonJson.configs(gemma()));
        JsonNode comparison = json.path("comparison");

        assertThat(json.path("configs")).hasSize(2);
        assertThat(comparison.path("baselineConfigKey").asText()).isEqualTo("");
        assertThat(comparison.path("significanceLevel").asDouble()).isEqualTo(0.05);
        assertThat(comparison.path("best").path("tokens_per_s").path("configKey").asText()).isEqualTo("num_gpu=80");
        assertThat(comparison.path("best").path("tokens_per_s").path("better").asText()).isEqualTo("higher");
        // 103 ± stats.t.ppf(0.975, 4) * 2 / sqrt(5) (scipy 1.17: t = 2.7764451051977934)
        //     = [100.51667200359248, 105.48332799640752]
        assertThat(comparison.path("best").path("tokens_per_s").path("ciLow").asDouble())
                .isCloseTo(100.51667200359248, withinPercentage(1e-9));
        assertThat(comparison.path("best").path("tokens_per_s").path("ciHigh").asDouble())
                .isCloseTo(105.48332799640752, withinPercentage(1e-9));
        assertThat(comparison.path("best").path("tokens_per_s").path("count").asLong()).isEqualTo(5);
        assertThat(comparison.path("best").path("ttft_ms").isNull()).as("no config measured TTFT").isTrue();
        JsonNode delta = comparison.path("deltas").get(0);
        assertThat(comparison.path("deltas")).hasSize(1);
        assertThat(delta.path("metric").asText()).isEqualTo("tokens_per_s");
        assertThat(delta.path("baselineConfigKey").asText()).isEqualTo("");
        assertThat(delta.path("configKey").asText()).isEqualTo("num_gpu=80");
        assertThat(delta.path("difference").asDouble()).isEqualTo(3.0);
        assertThat(delta.path("relativeDifference").asDouble()).isEqualTo(0.03);
        // scipy.stats.ttest_ind_from_stats(100, 2, 5, 103, 2, 5, equal_var=False).pvalue
        assertThat(delta.path("pValue").asDouble()).isCloseTo(0.045125935446807285, withinPercentage(1e-4));
        assertThat(delta.path("significant").asBoolean()).isTrue();
    }

    @Test
    void aModelWithoutComparableConfigsHasANullBaselineAndNoDeltas() throws Exception {
        ModelMetrics failedOnly = ModelMetrics.newBuilder(gemma())
                .setConfigs(List.of(config("num_gpu=999", Map.of("num_gpu", "999"), 4, null)))
                .build();

        JsonNode comparison = roundTrip(ComparisonJson.configs(failedOnly)).path("comparison");

        assertThat(comparison.path("baselineConfigKey").isNull()).isTrue();
        assertThat(comparison.path("best").path("tokens_per_s").isNull()).isTrue();
        assertThat(comparison.path("deltas")).isEmpty();
    }

    /**
     * The best configuration is chosen by the worse end of its interval, not by its mean: "lucky" has the
     * higher mean (110 against 103) from 2 runs with a wide spread, so its lower bound is 110 − 12.7062 × 10 / √2
     * = 20.15 (scipy 1.17: stats.t.ppf(0.975, 1) = 12.706204736174694) against 100.52 for num_gpu=80; and
     * the single run at 150 is never named.
     */
    @Test
    void theBestConfigurationIsTheBestLowerBoundAmongReplicatedOnesNotTheBestMean() throws Exception {
        ModelMetrics metrics = ModelMetrics.newBuilder(gemma()).setConfigs(List.of(
                config("", Map.of(), 6, tokens(5, 100, 2)),
                config("lucky", Map.of("num_gpu", "999"), 2, tokens(2, 110, 10)),
                config("num_gpu=80", Map.of("num_gpu", "80"), 6, tokens(5, 103, 2)),
                config("single", Map.of("num_gpu", "0"), 1, tokens(1, 150, 0)))).build();

        JsonNode best = roundTrip(ComparisonJson.configs(metrics)).path("comparison").path("best").path("tokens_per_s");

        assertThat(best.path("configKey").asText()).isEqualTo("num_gpu=80");
        assertThat(best.path("rankedAmong").asLong()).as("\"\", lucky and num_gpu=80 have 2 or more runs").isEqualTo(3);
    }

    @Test
    void configurationsWithOneRunEachHaveNoBest() throws Exception {
        ModelMetrics singles = ModelMetrics.newBuilder(gemma()).setConfigs(List.of(
                config("", Map.of(), 1, tokens(1, 100, 0)),
                config("num_gpu=80", Map.of("num_gpu", "80"), 1, tokens(1, 150, 0)))).build();

        JsonNode comparison = roundTrip(ComparisonJson.configs(singles)).path("comparison");

        assertThat(comparison.path("best").path("tokens_per_s").isNull()).isTrue();
        assertThat(comparison.path("bestRule").asText()).contains("at least 2 runs");
    }
}
