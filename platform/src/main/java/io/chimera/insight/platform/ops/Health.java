package io.chimera.insight.platform.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.platform.service.ServiceHealth;
import io.chimera.insight.platform.service.ServiceHealth.State;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The health of a process: the worst of its checks' states (DOWN, then DEGRADED, then UP), and DOWN
 * while it has no check (still starting). One process runs one service in production and several in
 * local mode, where the body lists each one.
 */
public final class Health {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();

    /** Adds a check; a process with none is still starting and reports down. */
    public Health add(HealthCheck check) {
        checks.add(check);
        return this;
    }

    /** The process' state now: the worst of its checks'. */
    public State state() {
        List<HealthCheck> now = List.copyOf(checks);
        State worst = now.isEmpty() ? State.DOWN : State.UP;
        for (HealthCheck check : now) {
            worst = worse(worst, check.now().state());
        }
        return worst;
    }

    /**
     * {@code {"status":"UP","service":"report"}} for one service, with {@code "reason"} when it is not
     * up; {@code {"status":"DEGRADED","services":{"ingest":"DEGRADED","report":"UP"},
     * "reasons":{"ingest":"..."}}} for several.
     */
    public String json() {
        ObjectNode body = JSON.createObjectNode();
        List<HealthCheck> now = List.copyOf(checks);
        State worst = now.isEmpty() ? State.DOWN : State.UP;
        ObjectNode services = JSON.createObjectNode();
        ObjectNode reasons = JSON.createObjectNode();
        for (HealthCheck check : now) {
            ServiceHealth health = check.now();
            worst = worse(worst, health.state());
            services.put(check.name(), health.state().name());
            if (health.state() != State.UP) {
                reasons.put(check.name(), health.reason());
            }
        }
        body.put("status", worst.name());
        if (now.size() == 1) {
            body.put("service", now.get(0).name());
            if (!reasons.isEmpty()) {
                body.set("reason", reasons.get(now.get(0).name()));
            }
        } else {
            body.set("services", services);
            if (!reasons.isEmpty()) {
                body.set("reasons", reasons);
            }
        }
        return body.toString();
    }

    private static State worse(State a, State b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
