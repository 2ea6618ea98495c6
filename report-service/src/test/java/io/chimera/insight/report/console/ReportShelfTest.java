package io.chimera.insight.report.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReportShelfTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String finding(String json) throws Exception {
        return ReportShelf.finding(JSON.readTree(json));
    }

    @Test
    void theRecommendedConfigurationComesFirstThenTheSweepsFinding() throws Exception {
        assertThat(finding("""
                {"comparison": {"best": {"tokens_per_s": {"configKey": "num_ctx=1024", "label": "num_ctx=1024",
                 "count": 3, "rankedAmong": 2}}},
                 "effects": [{"key": "num_gpu", "metric": "tokens_per_s", "rank": 1, "significant": true,
                 "etaSquared": 0.59}]}""")).isEqualTo("best: num_ctx=1024 (n = 3)");
        assertThat(finding("""
                {"comparison": {"best": {}},
                 "effects": [{"key": "num_ctx", "metric": "ttft_ms", "rank": 1, "significant": true, "etaSquared": 0.9},
                             {"key": "num_gpu", "metric": "tokens_per_s", "rank": 1, "significant": true,
                              "etaSquared": 0.5923}]}""")).isEqualTo("sweep: num_gpu matters most (η² 0.592)");
    }

    @Test
    void noRecommendationAndNoSignificantEffectIsNoFinding() throws Exception {
        assertThat(finding("""
                {"comparison": {"best": {}},
                 "effects": [{"key": "num_gpu", "metric": "tokens_per_s", "rank": 1, "significant": false}]}"""))
                .isEmpty();
        assertThat(finding("""
                {"comparison": {"best": {"tokens_per_s": {"configKey": "", "label": "(runs without configuration)",
                 "count": 2, "rankedAmong": 1}}}}"""))
                .as("the only configuration with 2+ runs, in the index's words")
                .isEqualTo("(runs without configuration) (only one with 2+ runs: not ranked)");
    }
}
