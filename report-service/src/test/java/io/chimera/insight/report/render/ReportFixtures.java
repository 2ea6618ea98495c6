package io.chimera.insight.report.render;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.AnalysisStatus;
import io.chimera.insight.events.ChangeDirection;
import io.chimera.insight.events.ChangeEventKind;
import io.chimera.insight.events.ChangeSegment;
import io.chimera.insight.events.ColdStart;
import io.chimera.insight.events.ColdStartStatus;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.LlmCall;
import io.chimera.insight.events.MetricStats;
import io.chimera.insight.events.ModelChanges;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.Narrative;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.events.Risk;
import io.chimera.insight.events.UnverifiedNumber;
import io.chimera.insight.events.Verification;
import io.chimera.insight.report.inventory.FileFacts;
import io.chimera.insight.report.inventory.Inventory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fixed aggregate and narrative, written out by hand. */
public final class ReportFixtures {

    public static final String CSV = "gemma3/gemma3_270m_param_tuning.csv";
    public static final String JSON = "gemma3/gemma3_270m_baseline.json";

    private ReportFixtures() {
    }

    public static MetricStats stats(String unit, long n, double mean, double stddev, double min, double p50,
                                    double p95, double p99, double max) {
        return MetricStats.newBuilder().setUnit(unit).setCount(n).setMean(mean).setStddev(stddev)
                .setM2(n < 2 ? 0 : stddev * stddev * (n - 1)).setMin(min)
                .setP50(p50).setP90(p95).setP95(p95).setP99(p99).setMax(max).build();
    }

    static ConfigStats config(String key, Map<String, String> config, long runs, long failed,
                              Map<String, MetricStats> metrics) {
        return ConfigStats.newBuilder().setConfigKey(key).setConfig(config).setRuns(runs).setFailedRuns(failed)
                .setMetrics(metrics).build();
    }

    /**
     * A 2 × 2 sweep of keys A and B, tokens/s only: (a1, b1) 100, 101, 99; (a1, b2) 110, 112;
     * (a2, b1) 120, 119, 121, 122; (a2, b2) three runs of the given mean and standard deviation
     * (99.67 and 1.528 for 100, 98, 101: an interaction; 130 and 1 for 130, 129, 131: additive).
     */
    static ModelMetrics twoByTwo(double lastMean, double lastStddev) {
        return ModelMetrics.newBuilder(metrics()).setColdStart(null).setConfigs(List.of(
                twoByTwoCell("a1", "b1", stats("tokens/s", 3, 100, 1, 99, 100, 101, 101, 101)),
                twoByTwoCell("a1", "b2", stats("tokens/s", 2, 111, Math.sqrt(2), 110, 111, 112, 112, 112)),
                twoByTwoCell("a2", "b1", stats("tokens/s", 4, 120.5, Math.sqrt(5.0 / 3), 119, 120.5, 122, 122, 122)),
                twoByTwoCell("a2", "b2", stats("tokens/s", 3, lastMean, lastStddev, 0, lastMean, 0, 0, 0)))).build();
    }

    private static ConfigStats twoByTwoCell(String a, String b, MetricStats tokens) {
        return config("A=" + a + ",B=" + b, Map.of("A", a, "B", b), tokens.getCount(), 0, Map.of("tokens_per_s", tokens));
    }

    /**
     * Two configurations with two runs each: num_ctx=1024 (tokens/s 294, 296; TTFT 60, 62) and
     * num_ctx=2048 (tokens/s 285, 287; TTFT 1100, 1197), plus a failed run under num_ctx=2048. Load
     * durations 50, 52, 54 and 1000 ms: median 53, MAD 2, so the last run (TTFT 1197) is cold.
     */
    public static ModelMetrics metrics() {
        MetricStats tps = stats("tokens/s", 4, 290.5, 5.323, 285.0, 287.0, 296.0, 296.0, 296.0);
        MetricStats ttft = stats("ms", 4, 604.75, 629.12, 60.0, 62.0, 1197.0, 1197.0, 1197.0);
        ConfigStats fast = config("num_ctx=1024,num_gpu=999", Map.of("num_ctx", "1024", "num_gpu", "999"), 2, 0,
                Map.of("tokens_per_s", stats("tokens/s", 2, 295.0, 1.414, 294, 295, 296, 296, 296),
                        "ttft_ms", stats("ms", 2, 61.0, 1.414, 60, 61, 62, 62, 62)));
        ConfigStats slow = config("num_ctx=2048,num_gpu=80", Map.of("num_ctx", "2048", "num_gpu", "80"), 3, 1,
                Map.of("tokens_per_s", stats("tokens/s", 2, 286.0, 1.414, 285, 286, 287, 287, 287),
                        "ttft_ms", stats("ms", 2, 1148.5, 68.59, 1100, 1148.5, 1197, 1197, 1197)));
        fast = ConfigStats.newBuilder(fast).setWarmMetrics(Map.of(
                "tokens_per_s", stats("tokens/s", 2, 295.0, 1.414, 294, 295, 296, 296, 296),
                "ttft_ms", stats("ms", 2, 61.0, 1.414, 60, 61, 62, 62, 62))).build();
        slow = ConfigStats.newBuilder(slow).setColdRuns(1).setWarmMetrics(Map.of(
                "tokens_per_s", stats("tokens/s", 1, 285, 0, 285, 285, 285, 285, 285),
                "ttft_ms", stats("ms", 1, 1100, 0, 1100, 1100, 1100, 1100, 1100))).build();
        return ModelMetrics.newBuilder().setModel("gemma3:270m").setRuns(5).setFailedRuns(1)
                .setFirstSeen(Instant.parse("2026-11-28T10:00:00Z")).setLastSeen(Instant.parse("2026-11-28T10:00:01Z"))
                .setFiles(List.of(CSV, JSON))
                .setMetrics(Map.of("tokens_per_s", tps, "ttft_ms", ttft))
                .setConfigs(List.of(fast, slow)).setColdStart(coldStart()).setChanges(changes()).build();
    }

    static ColdStart coldStart() {
        return ColdStart.newBuilder().setStatus(ColdStartStatus.CLASSIFIED)
                .setRule("cold when load_duration_ms > median + max(5 × MAD, 200 ms)")
                .setLoadMedianMs(53).setLoadMadMs(2).setThresholdMs(253).setColdRuns(1).setWarmRuns(3)
                .setCold(Map.of("tokens_per_s", stats("tokens/s", 1, 287, 0, 287, 287, 287, 287, 287),
                        "ttft_ms", stats("ms", 1, 1197, 0, 1197, 1197, 1197, 1197, 1197),
                        "load_duration_ms", stats("ms", 1, 1000, 0, 1000, 1000, 1000, 1000, 1000)))
                .setWarm(Map.of("tokens_per_s", stats("tokens/s", 3, 291.667, 5.859, 285, 294, 296, 296, 296),
                        "ttft_ms", stats("ms", 3, 407.333, 599.97, 60, 62, 1100, 1100, 1100),
                        "load_duration_ms", stats("ms", 3, 52, 2, 50, 52, 54, 54, 54)))
                .build();
    }

    /**
     * A regression of tokens/s under num_ctx=2048 (first run after it 2026-11-27T12:00Z), an older
     * improvement of TTFT under num_ctx=1024 (2026-11-26T08:00Z), and a third change, of tokens/s
     * under num_ctx=1024, that this evaluation retracted; 4 series watched.
     */
    public static ModelChanges changes() {
        return ModelChanges.newBuilder().setWatchedSeries(4).setWatchedMetrics(List.of("tokens_per_s", "ttft_ms"))
                .setStanding(List.of(IMPROVEMENT, REGRESSION))
                .setRetracted(List.of(PerformanceChange.newBuilder(RETRACTED).setKind(ChangeEventKind.RETRACTION)
                        .setRetractedAt(Instant.parse("2026-11-28T10:00:02Z")).build()))
                .build();
    }

    static final PerformanceChange REGRESSION = change("c-regression", "tokens_per_s", "tokens/s",
            "num_ctx=2048,num_gpu=80", ChangeDirection.REGRESSION, segment(12, 295.0, 293.9, 296.1),
            segment(5, 259.6, 257.0, 262.2), -12.0, 2.4e-9, "runs/2026-11-27.csv", "2026-11-27T12:00:00Z");
    static final PerformanceChange IMPROVEMENT = change("c-improvement", "ttft_ms", "ms",
            "num_ctx=1024,num_gpu=999", ChangeDirection.IMPROVEMENT, segment(20, 80.0, 78.5, 81.5),
            segment(8, 61.0, 60.1, 61.9), -23.75, 1.1e-12, "runs/2026-11-26.csv", "2026-11-26T08:00:00Z");
    static final PerformanceChange RETRACTED = change("c-retracted", "tokens_per_s", "tokens/s",
            "num_ctx=1024,num_gpu=999", ChangeDirection.REGRESSION, segment(10, 300.0, 298.0, 302.0),
            segment(3, 270.0, 265.0, 275.0), -10.0, 3.0e-6, "runs/2026-11-25.csv", "2026-11-25T09:00:00Z");

    private static PerformanceChange change(String id, String metric, String unit, String configKey,
                                            ChangeDirection direction, ChangeSegment before, ChangeSegment after,
                                            double percent, double p, String path, String firstRunAt) {
        Map<String, String> config = new java.util.TreeMap<>();
        for (String pair : configKey.split(",")) {
            config.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return PerformanceChange.newBuilder().setChangeId(id).setKind(ChangeEventKind.CHANGE).setModel("gemma3:270m")
                .setConfigKey(configKey).setConfig(config).setMetric(metric).setUnit(unit).setDirection(direction)
                .setBefore(before).setAfter(after).setChangePercent(percent).setPValue(p).setTest("Student t")
                .setFirstRunId("id-" + path + "#row 0").setFirstRunPath(path).setFirstRunFileId("id-" + path)
                .setFirstRunAt(Instant.parse(firstRunAt)).setDetectedAt(Instant.parse("2026-11-28T10:00:02Z")).build();
    }

    private static ChangeSegment segment(long n, double mean, double low, double high) {
        return ChangeSegment.newBuilder().setN(n).setMean(mean).setCiLow(low).setCiHigh(high).build();
    }

    public static AnalysisResult pending() {
        return AnalysisResult.newBuilder().setAnalysisId("a-1").setRequestId("r-1").setModel("gemma3:270m")
                .setStatus(AnalysisStatus.LLM_UNAVAILABLE)
                .setError("no LLM worker at http://localhost:11434: connection refused")
                .setMetrics(metrics()).setCompletedAt(Instant.parse("2026-11-28T10:00:05Z")).build();
    }

    public static AnalysisResult complete() {
        Narrative narrative = Narrative.newBuilder().setSummary("Throughput is steady near 291 tokens/s.")
                .setFindings(List.of("num_gpu=999 | num_ctx=1024 is fastest", "It reached 999 tok/s."))
                .setRecommendations(List.of("Keep num_ctx at 1024.", "Warm the model first.", "Track quality."))
                .setRisks(List.of(new Risk("Cold start\nTTFT", "Preload the model"), new Risk("Drift", "Re-run weekly")))
                .build();
        return AnalysisResult.newBuilder(pending()).setStatus(AnalysisStatus.OK).setError(null)
                .setNarrative(narrative)
                .setVerification(Verification.newBuilder().setChecked(3).setVerified(2)
                        .setUnverified(List.of(new UnverifiedNumber("999 tok/s", "It reached 999 tok/s."))).build())
                .setCall(LlmCall.newBuilder().setEndpoint("http://127.0.0.1:11434").setLlmModel("gemma3:latest")
                        .setTtftMs(120.5).setWallMs(900).setTokensPerS(42.0).setEvalCount(300L).setPromptEvalCount(812L)
                        .setTotalDurationMs(880.0).setLoadDurationMs(12.5).setPromptEvalDurationMs(95.0)
                        .setEvalDurationMs(714.3).setQueueWaitMs(3.0).build())
                .build();
    }

    /** The CSV known with 2 dead letters of its current version and 1 dropped value; the JSON known, clean. */
    public static Inventory inventory() {
        FileFacts csv = new FileFacts(CSV, "CSV", 4210, Instant.parse("2026-11-27T18:00:00Z"),
                Instant.parse("2026-11-28T10:00:00Z"), "PARTIAL", 3, 1, 2, 1);
        FileFacts json = new FileFacts(JSON, "JSON", 1800, Instant.parse("2026-11-20T09:00:00Z"),
                Instant.parse("2026-11-28T10:00:01Z"), "ACCEPTED", 2, 0, 0, 0);
        return new Inventory(List.of(new Inventory.Entry(CSV, Optional.of(csv)),
                new Inventory.Entry(JSON, Optional.of(json))), true);
    }

    public static List<ChartLink> charts() {
        return List.of(new ChartLink("tokens-per-s-by-config.svg", "Tokens/s by configuration"),
                new ChartLink("ttft-percentiles.svg", "Time to first token percentiles"));
    }

    public static ReportInput completeInput() {
        return ReportInput.of(complete(), inventory(), charts());
    }
}
