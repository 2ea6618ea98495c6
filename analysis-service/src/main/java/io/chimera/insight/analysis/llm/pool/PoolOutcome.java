package io.chimera.insight.analysis.llm.pool;

import io.chimera.insight.analysis.llm.LlmException;
import io.chimera.insight.analysis.llm.LlmResponse;
import io.chimera.insight.events.LlmCall;

import java.util.Objects;

/**
 * How one pooled request ended: the answer, or the failure of its last try, plus what the pool
 * spent on it.
 *
 * @param response    the answer; {@code null} when the request failed
 * @param failure     why it failed (the last try's exception); {@code null} when answered
 * @param queueWaitMs time spent waiting for a free endpoint slot, summed over tries
 * @param attempts    calls sent to workers (0 when no worker was available)
 */
public record PoolOutcome(LlmResponse response, LlmException failure, double queueWaitMs, int attempts) {

    public PoolOutcome {
        if ((response == null) == (failure == null)) {
            throw new IllegalArgumentException("exactly one of response and failure must be set");
        }
    }

    public boolean answered() {
        return response != null;
    }

    /** The analysis-results record of the call; only for an answered request. */
    public LlmCall toCall() {
        return Objects.requireNonNull(response, "no call to record: the request failed").toCall(queueWaitMs, attempts);
    }
}
