package io.chimera.insight.analysis.service;

import io.chimera.insight.analysis.prompt.MetricsFixture;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.ModelMetrics;

import java.time.Instant;

/** Analysis requests built from the hand-written aggregate of {@link MetricsFixture#gemma()}. */
final class AnalysisFixtures {

    static final Instant REQUESTED = Instant.parse("2025-03-01T10:00:00Z");

    private AnalysisFixtures() {
    }

    /** A request for {@code model} whose aggregate has {@code runs} runs (other figures from the fixture). */
    static AnalysisRequest request(String requestId, String model, long runs) {
        ModelMetrics metrics = MetricsFixture.gemma();
        metrics.setModel(model);
        metrics.setRuns(runs);
        return AnalysisRequest.newBuilder()
                .setRequestId(requestId)
                .setModel(model)
                .setReason("quiet")
                .setMetrics(metrics)
                .setOldestPendingIngestAt(REQUESTED.minusSeconds(5))
                .setRequestedAt(REQUESTED)
                .build();
    }
}
