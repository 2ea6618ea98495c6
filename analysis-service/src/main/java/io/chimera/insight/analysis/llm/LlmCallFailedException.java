package io.chimera.insight.analysis.llm;

import java.util.OptionalInt;

/**
 * The worker answered, but not with a usable result: an HTTP error status, an {@code {"error":…}}
 * line mid-stream under HTTP 200, or a stream that broke off before its final chunk.
 */
public class LlmCallFailedException extends LlmException {

    private final Integer httpStatus;

    /**
     * @param httpStatus the response status, {@code null} when the failure is not tied to one
     */
    public LlmCallFailedException(String endpoint, Integer httpStatus, String message, Throwable cause) {
        super(endpoint, message, cause);
        this.httpStatus = httpStatus;
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
