package io.chimera.insight.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.ingest.normalise.FieldRole.Kind;
import org.junit.jupiter.api.Test;

/** The decision the normaliser makes once per field name, checked name by name against the bundled rules. */
class FieldRoleTest {

    private final MappingRules rules = MappingRules.bundled();

    @Test
    void namesThatAreNotMeasurementsGetTheirKind() {
        assertThat(FieldRole.decide("Model", rules).kind()).isEqualTo(Kind.MODEL);
        assertThat(FieldRole.decide("error_message", rules).kind()).isEqualTo(Kind.ERROR);
        assertThat(FieldRole.decide("success", rules).kind()).isEqualTo(Kind.SUCCESS);
        assertThat(FieldRole.decide("started_at", rules).kind()).isEqualTo(Kind.TIMESTAMP);
        assertThat(FieldRole.decide("prompt_index", rules).kind()).isEqualTo(Kind.NOT_A_METRIC);
        assertThat(FieldRole.decide("options", rules).kind()).isEqualTo(Kind.NOT_A_METRIC);
    }

    @Test
    void settingsCarryTheirCanonicalKey() {
        FieldRole layers = FieldRole.decide("n_gpu_layers", rules);
        assertThat(layers.kind()).isEqualTo(Kind.CONFIG);
        assertThat(layers.configKey()).isEqualTo("num_gpu");
        assertThat(layers.configKeyOrName()).isEqualTo("num_gpu");

        FieldRole unknown = FieldRole.decide("Draft Model", rules);
        assertThat(unknown.configKeyOrName()).as("a name the rules do not know stays itself").isEqualTo("draft_model");
    }

    @Test
    void measurementsCarryTheirMetricOrTheUnitTheirNameStates() {
        FieldRole ttft = FieldRole.decide("TTFT (s)", rules);
        assertThat(ttft.kind()).isEqualTo(Kind.MEASURE);
        assertThat(ttft.snake()).isEqualTo("ttft_s");
        assertThat(ttft.metric()).map(MetricSource::canonicalName).contains("ttft_ms");

        FieldRole mean = FieldRole.decide("average_tokens_per_second", rules);
        assertThat(mean.metric()).as("a mean stands for its metric").map(MetricSource::canonicalName)
                .contains("tokens_per_s");

        FieldRole vram = FieldRole.decide("VRAM (GB)", rules);
        assertThat(vram.metric()).isEmpty();
        assertThat(vram.headerUnit()).isEqualTo("GB");

        assertThat(FieldRole.decide("std_time_ms", rules).headerUnit()).isEqualTo("ms");
        assertThat(FieldRole.decide("gpu_util", rules).headerUnit()).isEmpty();
    }
}
