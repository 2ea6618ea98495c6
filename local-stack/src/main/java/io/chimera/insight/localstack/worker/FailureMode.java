package io.chimera.insight.localstack.worker;

/**
 * The ways a real Ollama server (or the GPU box behind it) misbehaves, so that retry, timeout and
 * circuit-breaker code can be exercised against each one deliberately instead of waiting for it
 * to happen in production.
 */
public enum FailureMode {
    /** HTTP 500 with an Ollama error body, before any token is produced. */
    HTTP_500,
    /** HTTP 429 with a {@code Retry-After} header (seconds), as a saturated gateway answers. */
    HTTP_429,
    /**
     * HTTP 200 and a few content chunks, then an {@code {"error":"..."}} line and the end of the
     * body, which is how Ollama reports a runner crash after streaming has begun.
     */
    ERROR_MID_STREAM,
    /** The first token is late by {@link SimulatorSettings#slowFirstTokenMs()} on top of the TTFT. */
    SLOW_FIRST_TOKEN,
    /** A few content chunks, then the TCP connection is closed without ending the chunked body. */
    DROP_CONNECTION,
    /** HTTP 502 with an HTML page, as a reverse proxy in front of a dead worker answers. */
    HTML_ERROR,
    /** HTTP 200 and a few content chunks, then a line that is not JSON, then nothing more. */
    MALFORMED_LINE,
    /** The request is read, then the connection is closed before any response. */
    CONNECTION_RESET,
    /**
     * A few content chunks (all but the last of a short answer), then silence for
     * {@link SimulatorSettings#stallMs()}, then the rest.
     */
    STALL
}
