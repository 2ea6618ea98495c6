package io.chimera.insight.analysis.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How the analysis service paces itself.
 *
 * @param retryInitial    wait before analysing again a request no worker could answer; doubles per
 *                        round, randomised by ±50 %
 * @param retryMax        longest such wait; a worker coming back (its probe succeeds) cuts it short
 * @param maxHeldRequests requests held in memory beyond those in the worker pool (waiting for the
 *                        pool, or for a retry) before consumption pauses
 * @param maxPollRecords  records one poll may return
 */
public record AnalysisServiceSettings(Duration retryInitial, Duration retryMax, int maxHeldRequests,
                                      int maxPollRecords) {

    /** The model narratives are asked of unless the operator names another (Ollama's gemma3, 4B). */
    public static final String DEFAULT_MODEL = "gemma3:latest";

    public static final Duration DEFAULT_RETRY_INITIAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofMinutes(5);

    public AnalysisServiceSettings {
        Objects.requireNonNull(retryInitial, "retryInitial");
        Objects.requireNonNull(retryMax, "retryMax");
        if (retryInitial.isNegative() || retryInitial.isZero() || retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("need 0 < retryInitial <= retryMax, got " + retryInitial + " and " + retryMax);
        }
        if (maxHeldRequests < 1 || maxPollRecords < 1) {
            throw new IllegalArgumentException("maxHeldRequests and maxPollRecords must be positive");
        }
    }

    /** Retry after 5 s, doubling up to 5 min; pause beyond 64 held requests; 8 records per poll. */
    public static AnalysisServiceSettings defaults() {
        return new AnalysisServiceSettings(DEFAULT_RETRY_INITIAL, DEFAULT_RETRY_MAX, 64, 8);
    }

    public AnalysisServiceSettings withRetry(Duration initial, Duration max) {
        return new AnalysisServiceSettings(initial, max, maxHeldRequests, maxPollRecords);
    }

    public AnalysisServiceSettings withMaxHeldRequests(int value) {
        return new AnalysisServiceSettings(retryInitial, retryMax, value, maxPollRecords);
    }

    public AnalysisServiceSettings withMaxPollRecords(int value) {
        return new AnalysisServiceSettings(retryInitial, retryMax, maxHeldRequests, value);
    }
}
