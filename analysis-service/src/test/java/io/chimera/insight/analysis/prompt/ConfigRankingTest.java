package io.chimera.insight.analysis.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.platform.stats.ConfigComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConfigRankingTest {

    /**
     * With no replicated configuration to name, the fastest and the slowest by mean tokens/s lead, as the
     * first and the last of a stable sort by {@link ConfigRanking#byMeanTokensPerSDescending()} put them (ties
     * by key; configurations without tokens/s are neither), then the rest by runs and key.
     */
    @Test
    void theFastestAndTheSlowestLeadAsTheSortedOrderHasThem() {
        Random random = new Random(7);
        for (int trial = 0; trial < 500; trial++) {
            List<ConfigStats> configs = new ArrayList<>();
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                // Few distinct means, so ties are common; one run each, so none is replicated.
                configs.add(MetricsFixture.config(Map.of("k", "v" + random.nextInt(20), "i", "" + i), 1, 0,
                        10 * random.nextInt(3), 100));
            }
            if (trial % 3 == 0) {
                configs.add(withoutTokensPerS(configs.get(0), "k=none,i=" + count));
            }
            List<ConfigStats> sorted = configs.stream()
                    .filter(config -> ConfigRanking.meanTokensPerS(config).isPresent())
                    .sorted(ConfigRanking.byMeanTokensPerSDescending())
                    .toList();
            ModelMetrics model = ModelMetrics.newBuilder(MetricsFixture.gemma()).setConfigs(configs).build();

            List<ConfigStats> ranked = ConfigRanking.mostInformativeFirst(configs, ConfigComparison.of(model));

            List<ConfigStats> expectedHead = Stream.of(sorted.get(0), sorted.get(sorted.size() - 1)).distinct().toList();
            assertThat(ranked.subList(0, expectedHead.size())).as("trial " + trial).containsExactlyElementsOf(expectedHead);
            assertThat(ranked).as("trial " + trial).containsExactlyInAnyOrderElementsOf(configs);
        }
    }

    private static ConfigStats withoutTokensPerS(ConfigStats template, String key) {
        ConfigStats config = ConfigStats.newBuilder(template).setConfigKey(key).build();
        config.setMetrics(new LinkedHashMap<>(Map.of("ttft_ms", template.getMetrics().get("ttft_ms"))));
        return config;
    }
}
