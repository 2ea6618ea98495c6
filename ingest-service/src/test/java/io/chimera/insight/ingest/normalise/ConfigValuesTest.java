package io.chimera.insight.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValuesTest {

    @ParameterizedTest
    @CsvSource({
            "0.6000000238418579, 0.6",
            "0.8999999761581421, 0.9",
            "1.100000023841858, 1.1",
            "0.30000001192092896, 0.3",
            "0.2, 0.2",
            "40.00, 40",
            "999, 999",
            "123456789, 123456789",
            "0.0, 0",
            "' q4_0 ', q4_0",
            "4096.0, 4096"})
    void roundsFloat32NoiseAndTrims(String raw, String expected) {
        assertThat(ConfigValues.format(raw)).isEqualTo(expected);
    }
}
