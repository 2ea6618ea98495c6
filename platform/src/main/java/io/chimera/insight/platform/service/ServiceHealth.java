package io.chimera.insight.platform.service;

import java.util.Objects;

/**
 * How a service is doing, for {@code /health}: UP, DEGRADED (it runs, but some of its work keeps
 * failing and is being retried: the reason says what and the last error) or DOWN (it stopped).
 *
 * @param state  the state
 * @param reason why it is not UP; empty when it is
 */
public record ServiceHealth(State state, String reason) {

    public enum State { UP, DEGRADED, DOWN }

    public static final ServiceHealth UP = new ServiceHealth(State.UP, "");

    public ServiceHealth {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    public static ServiceHealth degraded(String reason) {
        return new ServiceHealth(State.DEGRADED, reason);
    }

    public static ServiceHealth down(String reason) {
        return new ServiceHealth(State.DOWN, reason);
    }

    /** Up while {@code running}, else down. */
    public static ServiceHealth running(boolean running) {
        return running ? UP : down("not running");
    }
}
