package io.chimera.insight.analysis.llm;

import io.chimera.insight.events.LlmFailureKind;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The worker answered, but not with a usable result: an HTTP error status, an {@code {"error":…}}
 * line mid-stream under HTTP 200, a line that is not the protocol's JSON, or a stream that broke off
 * before its final chunk.
 */
public class LlmCallFailedException extends LlmException {

    private final Integer httpStatus;
    private final Duration retryAfter;

    /**
     * @param httpStatus the response status, {@code null} when the failure is not tied to one
     */
    public LlmCallFailedException(String endpoint, LlmFailureKind kind, Integer httpStatus, String workerSaid,
                                  String message, Throwable cause) {
        this(endpoint, kind, httpStatus, workerSaid, message, cause, null);
    }

    /**
     * @param retryAfter how long the server asked the client to wait (a {@code Retry-After} header),
     *                   {@code null} when it did not say
     */
    public LlmCallFailedException(String endpoint, LlmFailureKind kind, Integer httpStatus, String workerSaid,
                                  String message, Throwable cause, Duration retryAfter) {
        super(endpoint, kind, workerSaid, message, cause);
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    /** The wait the server asked for before another try (HTTP 429 or 503 with {@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The HTTP status of the response (200 for an error reported mid-stream), when there was one. */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /**
     * Server-side failures (5xx, an error mid-stream, a broken stream) and throttling (408, 429) may
     * pass on another try; other 4xx mean the request itself is wrong.
     */
    @Override
    public boolean retryable() {
        if (httpStatus == null || httpStatus < 400) {
            return true;
        }
        return httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
    }
}
