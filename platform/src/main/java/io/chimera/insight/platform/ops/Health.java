package io.chimera.insight.platform.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The health of a process: up when it has at least one check and every check is up. One process
 * runs one service in production and several in local mode, where the body lists each one.
 */
public final class Health {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();

    /** Adds a check; a process with none is still starting and reports down. */
    public Health add(HealthCheck check) {
        checks.add(check);
        return this;
    }

    public boolean isUp() {
        return !checks.isEmpty() && checks.stream().allMatch(HealthCheck::isUp);
    }

    /**
     * {@code {"status":"UP","service":"report"}} for one service;
     * {@code {"status":"UP","services":{"aggregate":"UP","report":"UP"}}} for several.
     */
    public String json() {
        ObjectNode body = JSON.createObjectNode();
        List<HealthCheck> now = List.copyOf(checks);
        boolean up = !now.isEmpty();
        ObjectNode services = JSON.createObjectNode();
        for (HealthCheck check : now) {
            boolean checkUp = check.isUp();
            up &= checkUp;
            services.put(check.name(), status(checkUp));
        }
        body.put("status", status(up));
        if (now.size() == 1) {
            body.put("service", now.get(0).name());
        } else {
            body.set("services", services);
        }
        return body.toString();
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
