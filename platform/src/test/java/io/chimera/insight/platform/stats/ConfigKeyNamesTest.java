package io.chimera.insight.platform.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.ConfigStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigKeyNamesTest {

    @Test
    void everyKeyOfAnyConfigurationOnceInNameOrder() {
        List<ConfigStats> configs = List.of(
                withSettings(Map.of("temperature", "0.7", "num_ctx", "2048")),
                withSettings(Map.of()),
                withSettings(Map.of("num_gpu", "1", "Temperature", "0.2", "num_ctx", "4096")),
                withSettings(Map.of("batch", "8", "temperature", "0.1")));

        assertThat(ConfigKeyNames.of(configs)).containsExactly("Temperature", "batch", "num_ctx", "num_gpu",
                "temperature");
    }

    @Test
    void noConfigurationsNoKeys() {
        assertThat(ConfigKeyNames.of(List.of())).isEmpty();
    }

    private static ConfigStats withSettings(Map<String, String> settings) {
        ConfigStats config = StatsFixtures.config(settings.toString(), 1, 0, Map.of());
        config.setConfig(new LinkedHashMap<>(settings));
        return config;
    }
}
