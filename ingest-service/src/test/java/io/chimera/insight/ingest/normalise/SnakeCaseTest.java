package io.chimera.insight.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

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
}
