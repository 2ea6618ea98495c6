package io.chimera.insight.report.render;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.AnalysisStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.LlmCall;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.Narrative;
import io.chimera.insight.events.Risk;
import io.chimera.insight.events.UnverifiedNumber;
import io.chimera.insight.events.Verification;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A fixed aggregate and narrative, written out by hand. */
public final class ReportFixtures {

    private ReportFixtures() {
    }

    static MetricStats stats(String unit, long n, double mean, double stddev, double min, double p50, double p95,
                             double p99, double max) {
        return MetricStats.newBuilder().setUnit(unit).setCount(n).setMean(mean).setStddev(stddev).setMin(min)
                .setP50(p50).setP90(p95).setP95(p95).setP99(p99).setMax(max).build();
    }

    public static ModelMetrics metrics() {
        MetricStats tps = stats("tokens/s", 4, 290.5, 6.25, 278.8486, 291.2, 299.1, 299.1, 299.1941);
        MetricStats ttft = stats("ms", 4, 342.1, 540.0, 59.4542, 64.3, 1148.5, 1148.5, 1148.5114);
        ConfigStats fast = ConfigStats.newBuilder().setConfigKey("num_ctx=1024,num_gpu=999").setRuns(2)
                .setConfig(Map.of("num_ctx", "1024", "num_gpu", "999"))
                .setMetrics(Map.of("tokens_per_s", stats("tokens/s", 2, 295.0, 1, 294, 295, 296, 296, 296))).build();
        ConfigStats slow = ConfigStats.newBuilder().setConfigKey("num_ctx=2048,num_gpu=80").setRuns(3).setFailedRuns(1)
                .setConfig(Map.of("num_ctx", "2048", "num_gpu", "80"))
                .setMetrics(Map.of("tokens_per_s", stats("tokens/s", 2, 286.0, 1, 285, 286, 287, 287, 287))).build();
        return ModelMetrics.newBuilder().setModel("gemma3:270m").setRuns(5).setFailedRuns(1)
                .setFirstSeen(Instant.parse("2026-11-28T10:00:00Z")).setLastSeen(Instant.parse("2026-11-28T10:00:01Z"))
                .setFiles(List.of("gemma3/gemma3_270m_param_tuning.csv"))
                .setMetrics(Map.of("tokens_per_s", tps, "ttft_ms", ttft))
                .setConfigs(List.of(fast, slow)).build();
    }

    public static AnalysisResult pending() {
        return AnalysisResult.newBuilder().setAnalysisId("a-1").setRequestId("r-1").setModel("gemma3:270m")
                .setStatus(AnalysisStatus.LLM_UNAVAILABLE)
                .setError("no LLM worker at http://localhost:11434: connection refused")
                .setMetrics(metrics()).setCompletedAt(Instant.parse("2026-11-28T10:00:05Z")).build();
    }

    public static AnalysisResult complete() {
        Narrative narrative = Narrative.newBuilder().setSummary("Throughput is steady near 291.2 tokens/s.")
                .setFindings(List.of("num_gpu=999 | num_ctx=1024 is fastest"))
                .setRecommendations(List.of("Keep num_ctx at 1024.", "Warm the model first.", "Track quality."))
                .setRisks(List.of(new Risk("Cold start\nTTFT", "Preload the model"), new Risk("Drift", "Re-run weekly")))
                .build();
        return AnalysisResult.newBuilder(pending()).setStatus(AnalysisStatus.OK).setError(null)
                .setNarrative(narrative)
                .setVerification(Verification.newBuilder().setChecked(3).setVerified(2)
                        .setUnverified(List.of(new UnverifiedNumber("999 tok/s", "It reached 999 tok/s."))).build())
                .setCall(LlmCall.newBuilder().setEndpoint("http://127.0.0.1:11434").setLlmModel("gemma3:latest")
                        .setTtftMs(120.5).setWallMs(900).setTokensPerS(42.0).setEvalCount(300L).setPromptEvalCount(812L)
                        .setTotalDurationMs(880.0).build())
                .build();
    }
}
