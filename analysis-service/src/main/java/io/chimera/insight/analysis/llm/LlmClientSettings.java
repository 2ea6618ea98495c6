package io.chimera.insight.analysis.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts of one chat call.
 *
 * @param connectTimeout    to open the TCP connection
 * @param firstTokenTimeout longest silence before the first chunk (covers model load and prompt
 *                          evaluation, hence generous)
 * @param idleTimeout       longest silence between two chunks once content flows (a stalled worker)
 * @param totalTimeout      the whole call, from sending the request to the last chunk
 */
public record LlmClientSettings(Duration connectTimeout, Duration firstTokenTimeout,
                                Duration idleTimeout, Duration totalTimeout) {

    public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_FIRST_TOKEN = Duration.ofSeconds(120);
    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TOTAL = Duration.ofSeconds(300);

    public LlmClientSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(firstTokenTimeout, "firstTokenTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(totalTimeout, "totalTimeout");
    }

    /** Connect 2 s, first token 120 s, idle 30 s, total 300 s. */
    public static LlmClientSettings defaults() {
        return new LlmClientSettings(DEFAULT_CONNECT, DEFAULT_FIRST_TOKEN, DEFAULT_IDLE, DEFAULT_TOTAL);
    }

    public LlmClientSettings withConnectTimeout(Duration value) {
        return new LlmClientSettings(value, firstTokenTimeout, idleTimeout, totalTimeout);
    }

    public LlmClientSettings withFirstTokenTimeout(Duration value) {
        return new LlmClientSettings(connectTimeout, value, idleTimeout, totalTimeout);
    }

    public LlmClientSettings withIdleTimeout(Duration value) {
        return new LlmClientSettings(connectTimeout, firstTokenTimeout, value, totalTimeout);
    }

    public LlmClientSettings withTotalTimeout(Duration value) {
        return new LlmClientSettings(connectTimeout, firstTokenTimeout, idleTimeout, value);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
