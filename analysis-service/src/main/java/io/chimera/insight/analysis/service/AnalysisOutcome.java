package io.chimera.insight.analysis.service;

import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.AnalysisStatus;

/**
 * One round of an analysis: the result to publish and the calls sent to workers so far, counting
 * earlier rounds of the same request.
 */
public record AnalysisOutcome(AnalysisResult result, int attempts) {

    /** No worker answered: the result carries the facts only, and the request should be tried again. */
    public boolean workerUnavailable() {
        return result.getStatus() == AnalysisStatus.LLM_UNAVAILABLE;
    }
}
