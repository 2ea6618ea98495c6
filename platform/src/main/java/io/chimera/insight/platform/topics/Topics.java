package io.chimera.insight.platform.topics;

import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.GenerationMetrics;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.PerformanceChange;
import io.chimera.insight.events.ReportGenerated;
import java.util.List;
import java.util.Optional;

/** The typed catalog of every topic of the pipeline; the only place their names are written. */
public final class Topics {

    /**
     * Largest record on the topics that carry a {@code ModelMetrics} (model-metrics,
     * analysis-requests, analysis-results) or a {@code ConfigStats} (config-metrics). Their
     * configurations no longer make them grow (each is a config-metrics record of its own), but
     * their file lists do (about 50 bytes a path): these topics and our producers allow 16 MiB.
     */
    public static final int LARGE_RECORD_BYTES = 16 * 1024 * 1024;

    public static final Topic<BenchmarkFile> BENCHMARK_FILES = new Topic<>("benchmark-files", BenchmarkFile.class, false,
            "one event per new or changed benchmark file (key: file id)");
    public static final Topic<BenchmarkRun> BENCHMARK_RUNS = new Topic<>("benchmark-runs", BenchmarkRun.class, false,
            "one record per run, normalised to canonical metrics (key: model)");
    public static final Topic<String> INGEST_STATE = new Topic<>("ingest-state", String.class, true,
            "path -> sha256 of the last published version, written in the file's transaction (key: path)");
    public static final Topic<ModelMetrics> MODEL_METRICS = new Topic<>("model-metrics", ModelMetrics.class, true,
            "changelog of the per-model aggregate (key: model)", LARGE_RECORD_BYTES);
    /**
     * One model's statistics under one configuration, apart from its model record so that no record
     * grows with a sweep's configurations. Written by the aggregation in the transaction of the
     * model-metrics record or analysis request that counts them; a tombstone when the configuration
     * lost every run. Read whole by {@code ConfigMetricsView}. Large records allowed: a record no longer
     * grows with configurations, but still with the paths of the files that hold the configuration.
     */
    public static final Topic<ConfigStats> CONFIG_METRICS = new Topic<>("config-metrics", ConfigStats.class, true,
            "per (model, configuration) statistics (key: model NUL config key, see ConfigMetricsKey)",
            LARGE_RECORD_BYTES);
    public static final Topic<PerformanceChange> PERFORMANCE_CHANGES = new Topic<>("performance-changes",
            PerformanceChange.class, false,
            "a detected regression or improvement per (model, config, headline metric), or its retraction (key: model)");
    public static final Topic<AnalysisRequest> ANALYSIS_REQUESTS = new Topic<>("analysis-requests", AnalysisRequest.class,
            false, "debounced request to analyse a model (key: model)", LARGE_RECORD_BYTES);
    public static final Topic<AnalysisResult> ANALYSIS_RESULTS = new Topic<>("analysis-results", AnalysisResult.class,
            false, "narrative, verification and LLM call metrics (key: model)", LARGE_RECORD_BYTES);
    public static final Topic<ReportGenerated> REPORTS = new Topic<>("reports", ReportGenerated.class, false,
            "a report was written (key: model)");
    public static final Topic<GenerationMetrics> GENERATION_METRICS = new Topic<>("generation-metrics",
            GenerationMetrics.class, false, "TTFT, tokens/s, durations and lag of one report generation (key: model)");
    public static final Topic<DeadLetter> DEAD_LETTERS = new Topic<>("dead-letters", DeadLetter.class, false,
            "input that could not be used, with the reason (key: source)");

    private static final List<Topic<?>> ALL = List.of(BENCHMARK_FILES, BENCHMARK_RUNS, INGEST_STATE, MODEL_METRICS, CONFIG_METRICS,
            PERFORMANCE_CHANGES, ANALYSIS_REQUESTS, ANALYSIS_RESULTS, REPORTS, GENERATION_METRICS, DEAD_LETTERS);

    private Topics() {
    }

    /** Every topic, in pipeline order. */
    public static List<Topic<?>> all() {
        return ALL;
    }

    /** The topic with the given base name (without prefix), if it is one of ours. */
    public static Optional<Topic<?>> byBaseName(String baseName) {
        return ALL.stream().filter(t -> t.baseName().equals(baseName)).findFirst();
    }
}
