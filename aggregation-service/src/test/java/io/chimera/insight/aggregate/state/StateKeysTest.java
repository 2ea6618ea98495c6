package io.chimera.insight.aggregate.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.aggregate.statistics.SeriesId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The change stores' keys built from parts already built: the same keys as from the ids, and chunk keys in number order. */
class StateKeysTest {

    private static final String MODEL = "gemma3:270m";
    private static final String CONFIG = "{\"ctx\":\"4096\",\"quant\":\"q4\"}";

    @Test
    void keysBuiltFromAConfigurationsKeyAreThoseBuiltFromItsIds() {
        String config = StateKeys.changeConfig(MODEL, CONFIG);

        assertThat(StateKeys.filePointsPrefix(config, "f1")).isEqualTo(StateKeys.filePointsPrefix(MODEL, CONFIG, "f1"))
                .isEqualTo(MODEL + "\0" + CONFIG + "\0f1\0");
        assertThat(StateKeys.series(config, "ttft_ms")).isEqualTo(StateKeys.series(new SeriesId(MODEL, CONFIG, "ttft_ms")));
    }

    @Test
    void aChunksKeyIsItsFilesPrefixASeparatorAndEightHexDigitsReadBackAsItsNumber() {
        String prefix = StateKeys.filePointsPrefix(MODEL, CONFIG, "f1");
        int[] numbers = {0, 1, 9, 10, 15, 16, 0x1f, 63, 64, 0xabc, 0x7fffffff};
        List<String> keys = new ArrayList<>();
        for (int number : numbers) {
            String key = StateKeys.pointChunk(prefix, number);
            String hex = Integer.toHexString(number);
            assertThat(key).isEqualTo(prefix + "\0" + "0".repeat(8 - hex.length()) + hex);
            assertThat(StateKeys.chunkNumber(key.substring(prefix.length()))).isEqualTo(number);
            keys.add(key);
        }
        assertThat(keys).as("in number order, as a prefix scan lists them").isSortedAccordingTo(StateKeys.STORE_ORDER);
    }

    @Test
    void aRunOfTheLastRunsModelConfigurationAndFileTakesItsKeysAndAnotherTheSamePartsOnly() {
        RunKeys first = RunKeys.of(null, MODEL, CONFIG, "f1");

        RunKeys same = RunKeys.of(first, new String(MODEL), new String(CONFIG), new String("f1"));
        RunKeys otherFile = RunKeys.of(first, MODEL, new String(CONFIG), "f2");
        RunKeys otherConfig = RunKeys.of(first, MODEL, "{}", new String("f1"));
        RunKeys otherModel = RunKeys.of(first, "llama", CONFIG, "f1");

        assertThat(same).isSameAs(first);
        assertThat(otherFile.config).isSameAs(first.config);
        assertThat(otherConfig.file).isSameAs(first.file);
        for (RunKeys keys : List.of(first, otherFile, otherConfig, otherModel)) {
            assertThat(keys).isNotNull();
        }
        assertKeys(first, MODEL, CONFIG, "f1");
        assertKeys(otherFile, MODEL, CONFIG, "f2");
        assertKeys(otherConfig, MODEL, "{}", "f1");
        assertKeys(otherModel, "llama", CONFIG, "f1");
    }

    private static void assertKeys(RunKeys keys, String model, String configKey, String fileId) {
        assertThat(keys.config).isEqualTo(StateKeys.changeConfig(model, configKey));
        assertThat(keys.file).isEqualTo(StateKeys.file(model, fileId));
        assertThat(keys.filePoints).isEqualTo(StateKeys.filePointsPrefix(model, configKey, fileId));
    }
}
