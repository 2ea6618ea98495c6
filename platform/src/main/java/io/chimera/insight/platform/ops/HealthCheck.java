package io.chimera.insight.platform.ops;

import io.chimera.insight.platform.service.ChimeraService;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Whether one part of the process does its work: what {@code /health} reports. A check looks at
 * the process only (its threads and clients), never at a broker or an LLM worker, because the same
 * answer drives the liveness probe and a restart would not bring a dependency back.
 *
 * @param name the service's name ({@code ingest}, {@code aggregate}, {@code analyze}, {@code report})
 * @param up   true while it works
 */
public record HealthCheck(String name, BooleanSupplier up) {

    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(up, "up");
    }

    /** Up while the service's Kafka clients or Streams are running. */
    public static HealthCheck of(ChimeraService service) {
        return new HealthCheck(service.name(), service::isRunning);
    }

    public boolean isUp() {
        try {
            return up.getAsBoolean();
        } catch (RuntimeException e) {
            return false; // a check that cannot tell counts as down
        }
    }
}
