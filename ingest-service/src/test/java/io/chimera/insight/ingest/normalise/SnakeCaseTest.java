package io.chimera.insight.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnakeCaseTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "TTFT (s)|ttft_s",
            "Tokens/s|tokens_s",
            "throughputTokensPerSec|throughput_tokens_per_sec",
            "Process ID|process_id",
            "  __eval_count__ |eval_count",
            "Mean TTFT (s)|mean_ttft_s",
            "sm__warps_active.avg.pct|sm_warps_active_avg_pct"})
    void comparesOneSpellingOfEachName(String name, String expected) {
        assertThat(SnakeCase.of(name)).isEqualTo(expected);
    }

    @Test
    void givesTheSameAnswerWhetherOrNotTheNameWasSeenBefore() {
        // More distinct names than are remembered: the ones past the bound are converted afresh.
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < 6000; i++) {
                assertThat(SnakeCase.of("Rig" + i + "TTFT (ms)")).isEqualTo("rig" + i + "_ttft_ms");
            }
        }
    }
}
