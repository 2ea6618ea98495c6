package io.chimera.insight.platform.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.MetricStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigColumnsTest {

    @Test
    void everyKeyOfAnyConfigurationOnceInNameOrder() {
        ConfigColumns columns = columns(
                withSettings(Map.of("temperature", "0.7", "num_ctx", "2048")),
                withSettings(Map.of()),
                withSettings(Map.of("num_gpu", "1", "Temperature", "0.2", "num_ctx", "4096")),
                withSettings(Map.of("batch", "8", "temperature", "0.1")));

        assertThat(columns.keys()).containsExactly("Temperature", "batch", "num_ctx", "num_gpu", "temperature");
    }

    @Test
    void noConfigurationsNoKeys() {
        assertThat(columns().keys()).isEmpty();
    }

    @Test
    void eachConfigurationsLevelIsItsRankInLevelOrderOrUnset() {
        // Numbers by value (512 before 1024, which text order would swap), then text; a configuration without the key is unset.
        ConfigColumns columns = columns(
                withSettings(Map.of("num_ctx", "1024")),
                withSettings(Map.of("num_ctx", "auto")),
                withSettings(Map.of("num_gpu", "1")),
                withSettings(Map.of("num_ctx", "512")),
                withSettings(Map.of("num_ctx", "1024")));
        int ctx = columns.keys().indexOf("num_ctx");

        assertThat(columns.levelCount(ctx)).isEqualTo(3);
        assertThat(List.of(columns.level(ctx, 0), columns.level(ctx, 1), columns.level(ctx, 2)))
                .containsExactly("512", "1024", "auto");
        assertThat(new int[] {columns.rank(ctx, 0), columns.rank(ctx, 1), columns.rank(ctx, 2), columns.rank(ctx, 3),
                columns.rank(ctx, 4)}).containsExactly(1, 2, ConfigColumns.UNSET, 0, 1);
    }

    @Test
    void eachPopulationHoldsAConfigurationsMomentsOnlyWhereItHasRuns() {
        MetricStats tokens = StatsFixtures.tokensPerS(3, 50, 2);
        ConfigStats measured = StatsFixtures.config("a", 3, 0, Map.of(ComparedMetric.TOKENS_PER_S.name(), tokens));
        ConfigStats empty = StatsFixtures.config("b", 1, 1,
                Map.of(ComparedMetric.TOKENS_PER_S.name(), StatsFixtures.tokensPerS(0, 0, 0)));
        ConfigColumns columns = ConfigColumns.of(StatsFixtures.model("m", List.of(measured, empty)));
        ConfigColumns.Column tokensPerS = columns.populations().get(0);

        assertThat(tokensPerS.population().metric()).isEqualTo(ComparedMetric.TOKENS_PER_S);
        assertThat(tokensPerS.stats(0)).isSameAs(tokens);
        assertThat(tokensPerS.summary(0)).isEqualTo(new GroupSummary(3, 50, tokens.getM2()));
        assertThat(tokensPerS.stats(1)).isNull();
        assertThat(tokensPerS.summary(1)).isNull();
        assertThat(columns.populations().get(1).population().metric()).isEqualTo(ComparedMetric.TTFT_MS);
    }

    private static ConfigColumns columns(ConfigStats... configs) {
        return ConfigColumns.of(StatsFixtures.model("m", List.of(configs)));
    }

    private static ConfigStats withSettings(Map<String, String> settings) {
        ConfigStats config = StatsFixtures.config(settings.toString(), 1, 0, Map.of());
        config.setConfig(new LinkedHashMap<>(settings));
        return config;
    }
}
