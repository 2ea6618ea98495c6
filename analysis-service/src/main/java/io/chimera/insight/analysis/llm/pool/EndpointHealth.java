package io.chimera.insight.analysis.llm.pool;

/** What the pool last learnt about an endpoint, from its probe or from a call. */
public enum EndpointHealth {
    /** Not probed yet: calls are allowed, the first one will tell. */
    UNKNOWN,
    /** Answered its model listing, which names the model. */
    UP,
    /** Could not be reached, or its listing failed. */
    DOWN,
    /** Reachable, but does not serve the model (not pulled / not started with it). */
    MODEL_MISSING;

    /** Whether calls may be routed to an endpoint in this state. */
    public boolean routable() {
        return this == UP || this == UNKNOWN;
    }
}
