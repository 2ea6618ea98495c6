package io.chimera.insight.analysis.llm.pool;

/**
 * A snapshot of one endpoint, for logs, health pages and tests.
 *
 * @param endpoint    base URL
 * @param health      what the last probe or call showed
 * @param detail      why (the probe's or call's message), or "ok"
 * @param outstanding calls running on it now
 * @param slots       calls it may run at once
 * @param circuit     its circuit breaker's state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN})
 * @param calls       calls sent to it since the pool started
 */
public record EndpointStatus(String endpoint, EndpointHealth health, String detail, int outstanding, int slots,
                             String circuit, long calls) {

    /** One line: {@code http://gpu-1:11434 (down: connection refused)}. */
    public String describe() {
        String state = switch (health) {
            case UP -> "up";
            case UNKNOWN -> "not probed";
            case DOWN -> "down";
            case MODEL_MISSING -> "model missing";
        };
        if (health.routable() && "OPEN".equals(circuit)) {
            state = "circuit open";
        }
        return endpoint + " (" + state + ": " + detail + ")";
    }
}
