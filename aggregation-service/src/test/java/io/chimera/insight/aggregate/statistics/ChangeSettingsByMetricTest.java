package io.chimera.insight.aggregate.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.platform.change.ChangeSettings;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeSettingsByMetricTest {

    @Test
    void aMetricWithAnOverrideGetsItsMinimumEffectAndTheRestOfTheDefaults() {
        ChangeSettingsByMetric settings = ChangeSettingsByMetric.DEFAULTS.withMinEffect(CanonicalMetric.TTFT_MS, 0.10);

        assertThat(settings.forMetric("ttft_ms")).isEqualTo(ChangeSettings.DEFAULTS.withMinEffect(0.10));
        assertThat(settings.forMetric("tokens_per_s")).isEqualTo(ChangeSettings.DEFAULTS);
        assertThat(settings.forMetric("not_catalogued")).isEqualTo(ChangeSettings.DEFAULTS);
    }

    @Test
    void aMinimumEffectOutsideZeroToOneIsRejectedNamingTheMetric() {
        assertThatThrownBy(() -> ChangeSettingsByMetric.DEFAULTS.withMinEffect(CanonicalMetric.TTFT_MS, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttft_ms").hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new ChangeSettingsByMetric(ChangeSettings.DEFAULTS.withMinEffect(1.5), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the default");
    }
}
