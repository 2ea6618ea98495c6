package io.chimera.insight.report;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.AnalysisStatus;
import io.chimera.insight.events.GenerationMetrics;
import io.chimera.insight.events.LlmCall;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.ReportGenerated;
import io.chimera.insight.events.ReportStatus;
import io.chimera.insight.platform.metrics.CanonicalMetric;
import io.chimera.insight.report.render.Headlines;
import io.chimera.insight.report.store.ReportStore;
import io.chimera.insight.report.store.ReportStore.WrittenReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Builds the events that announce a written report (or one that could not be written): for platform teams and ops. */
final class ReportEvents {

    private ReportEvents() {
    }

    static ReportGenerated reportGenerated(String reportId, AnalysisResult analysis, WrittenReport written,
                                           Instant at) {
        return base(reportId, analysis, at)
                .setPath(written.markdown().toString())
                .setJsonPath(written.json().toString())
                .setSha256(written.sha256())
                .setBytes(written.bytes())
                .build();
    }

    /** A report that could not be written to {@code folder}: its figures, and {@code error} as its write error. */
    static ReportGenerated writeFailed(String reportId, AnalysisResult analysis, Path folder, String error,
                                       Instant at) {
        return base(reportId, analysis, at)
                .setPath(folder.resolve(ReportStore.LATEST_MARKDOWN).toString())
                .setJsonPath(folder.resolve(ReportStore.LATEST_JSON).toString())
                .setWriteError(error)
                .build();
    }

    private static ReportGenerated.Builder base(String reportId, AnalysisResult analysis, Instant at) {
        ModelMetrics metrics = analysis.getMetrics();
        return ReportGenerated.newBuilder()
                .setReportId(reportId)
                .setModel(metrics.getModel())
                .setRuns(metrics.getRuns())
                .setFailedRuns(metrics.getFailedRuns())
                .setTokensPerSP50(Headlines.p50(metrics, CanonicalMetric.TOKENS_PER_S.canonicalName()).orElse(null))
                .setTtftMsP50(Headlines.p50(metrics, CanonicalMetric.TTFT_MS.canonicalName()).orElse(null))
                .setBestConfig(Headlines.bestThroughputConfig(metrics).map(Headlines::configLabel).orElse(null))
                .setColdRuns(Headlines.coldRuns(metrics).orElse(null))
                .setWarmTtftMsP50(Headlines.warmP50(metrics, CanonicalMetric.TTFT_MS.canonicalName()).orElse(null))
                .setTopEffect(Headlines.topThroughputEffect(metrics).orElse(null))
                .setHeadlineRecommendation(Headlines.headlineRecommendation(metrics).orElse(null))
                .setAnalysisId(analysis.getAnalysisId())
                .setStatus(statusOf(analysis.getStatus()))
                .setFailureKind(analysis.getFailureKind())
                .setFailureDetail(analysis.getFailureDetail())
                .setGeneratedAt(at);
    }

    static GenerationMetrics generationMetrics(String reportId, AnalysisResult analysis, Instant at) {
        LlmCall call = analysis.getCall();
        double lagMs = endToEndLag(analysis, at).map(lag -> lag.toNanos() / 1e6).orElse(0.0);
        GenerationMetrics.Builder event = GenerationMetrics.newBuilder()
                .setModel(analysis.getModel())
                .setAnalysisId(analysis.getAnalysisId())
                .setReportId(reportId)
                .setStatus(analysis.getStatus())
                .setEndToEndLagMs(lagMs)
                .setAt(at);
        if (call != null) {
            event.setWorker(call.getEndpoint())
                    .setLlmModel(call.getLlmModel())
                    .setTtftMs(call.getTtftMs())
                    .setTokensPerS(call.getTokensPerS())
                    .setTotalDurationMs(call.getTotalDurationMs())
                    .setLoadDurationMs(call.getLoadDurationMs())
                    .setPromptEvalDurationMs(call.getPromptEvalDurationMs())
                    .setEvalDurationMs(call.getEvalDurationMs())
                    .setPromptEvalCount(call.getPromptEvalCount())
                    .setEvalCount(call.getEvalCount())
                    .setQueueWaitMs(call.getQueueWaitMs());
        }
        return event.build();
    }

    /**
     * From the ingest time of the oldest run the report covers that no earlier report did (the
     * request's oldest pending run) to {@code writtenAt}; empty when that time is unknown (0). Never
     * negative: clocks of different hosts may disagree by a little.
     */
    static Optional<Duration> endToEndLag(AnalysisResult analysis, Instant writtenAt) {
        Instant oldest = analysis.getOldestPendingIngestAt();
        if (oldest == null || oldest.equals(Instant.EPOCH)) {
            return Optional.empty();
        }
        Duration lag = Duration.between(oldest, writtenAt);
        return Optional.of(lag.isNegative() ? Duration.ZERO : lag);
    }

    static ReportStatus statusOf(AnalysisStatus status) {
        return switch (status) {
            case OK -> ReportStatus.COMPLETE;
            case LLM_UNAVAILABLE -> ReportStatus.NARRATIVE_PENDING;
            case LLM_FAILED -> ReportStatus.NARRATIVE_FAILED;
        };
    }
}
