package io.chimera.insight.platform.ops;

/**
 * One LLM call counted in {@code chimera_llm_inflight} from its start until {@link #close()}:
 * {@code try (InFlight call = metrics.inflight(worker)) { ... }}.
 */
public interface InFlight extends AutoCloseable {

    /** Ends the call; calling it again has no effect. */
    @Override
    void close();
}
