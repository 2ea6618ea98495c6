package io.chimera.insight.aggregate.topology;

import io.chimera.insight.aggregate.state.PendingModel;

import java.time.Duration;
import java.util.Optional;

/**
 * When a model with pending changes is due for analysis: once it has been quiet for the
 * debounce, or once max-delay has passed since its first pending change, so that a steady
 * trickle of runs cannot postpone the analysis forever. Also how often a model that keeps
 * changing gets its model-metrics refreshed meanwhile: at most once per debounce.
 */
public final class DebouncePolicy {

    /** The model has had no change for the debounce period. */
    static final String QUIET = "quiet";
    /** Changes kept coming, and the first of them is max-delay old. */
    static final String MAX_DELAY = "max-delay";

    private final long debounceMs;
    private final long maxDelayMs;

    public DebouncePolicy(Duration debounce, Duration maxDelay) {
        this.debounceMs = debounce.toMillis();
        this.maxDelayMs = maxDelay.toMillis();
    }

    /**
     * Whether a model still receiving runs, whose model-metrics was last emitted at
     * {@code lastEmittedAt} (wall clock; null if not yet in this cycle), should get it again at {@code now}.
     */
    boolean metricsRefreshDue(Long lastEmittedAt, long now) {
        return lastEmittedAt == null || now - lastEmittedAt >= debounceMs;
    }

    /** Why {@code pending} is due at {@code now}, or empty while it is not. */
    public Optional<String> dueReason(PendingModel pending, long now) {
        if (now - pending.lastChangeAt() >= debounceMs) {
            return Optional.of(QUIET);
        }
        if (now - pending.firstChangeAt() >= maxDelayMs) {
            return Optional.of(MAX_DELAY);
        }
        return Optional.empty();
    }
}
