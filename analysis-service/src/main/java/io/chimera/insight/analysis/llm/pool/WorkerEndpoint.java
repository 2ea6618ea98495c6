package io.chimera.insight.analysis.llm.pool;

import io.chimera.insight.analysis.llm.LlmClient;
import io.chimera.insight.analysis.llm.LlmException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * One GPU worker as the pool sees it: its client, its circuit breaker, how many calls it runs now
 * and what its last probe or call showed. {@link #outstanding} is guarded by the {@link Dispatcher};
 * health is written by probes and calls on other threads, hence volatile.
 */
final class WorkerEndpoint {

    private final LlmClient client;
    private final CircuitBreaker circuit;
    private final int slots;
    private int outstanding;
    private long calls;
    private volatile EndpointHealth health = EndpointHealth.UNKNOWN;
    private volatile String detail = "not probed yet";
    private volatile LlmException lastFailure;

    WorkerEndpoint(LlmClient client, CircuitBreaker circuit, int slots) {
        this.client = client;
        this.circuit = circuit;
        this.slots = slots;
    }

    LlmClient client() {
        return client;
    }

    String url() {
        return client.endpoint();
    }

    CircuitBreaker circuit() {
        return circuit;
    }

    EndpointHealth health() {
        return health;
    }

    /**
     * Records what a probe or a call showed.
     *
     * @return whether the endpoint became routable by this change
     */
    synchronized boolean update(EndpointHealth newHealth, String newDetail) {
        boolean wasRoutable = health.routable();
        health = newHealth;
        detail = newDetail;
        return newHealth.routable() && !wasRoutable;
    }

    /** Remembers the latest failure of a call or probe, so a refusal can say what the worker last said. */
    void failed(LlmException failure) {
        lastFailure = failure;
    }

    /** The latest failure of a call or probe; {@code null} when there was none. */
    LlmException lastFailure() {
        return lastFailure;
    }

    /** Routable, with a free slot. Called under the dispatcher's lock. */
    boolean canTakeCall() {
        return health.routable() && outstanding < slots;
    }

    /** Routable and its circuit not open: it can answer, perhaps after its current calls. */
    boolean canServe() {
        CircuitBreaker.State state = circuit.getState();
        return health.routable() && state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }

    int outstanding() {
        return outstanding;
    }

    void callStarted() {
        outstanding++;
        calls++;
    }

    void callEnded() {
        outstanding--;
    }

    /** Called under the dispatcher's lock, so outstanding and calls are consistent. */
    EndpointStatus status() {
        return new EndpointStatus(url(), health, detail, outstanding, slots, circuit.getState().name(), calls);
    }
}
