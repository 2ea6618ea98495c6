package io.chimera.insight.platform.ops;

import io.chimera.insight.platform.service.ChimeraService;
import io.chimera.insight.platform.service.ServiceHealth;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How one part of the process does its work: what {@code /health} reports. A check looks at the
 * process only (its threads, its clients, the work it keeps failing), never probes a broker or an
 * LLM worker itself, because the same answer drives the liveness probe and a restart would not
 * bring a dependency back.
 *
 * @param name   the service's name ({@code ingest}, {@code aggregate}, {@code analyze}, {@code report})
 * @param health its health now
 */
public record HealthCheck(String name, Supplier<ServiceHealth> health) {

    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(health, "health");
    }

    /** The service's own {@link ChimeraService#health}. */
    public static HealthCheck of(ChimeraService service) {
        return new HealthCheck(service.name(), service::health);
    }

    /** The health now; a check that throws or answers nothing counts as down. */
    public ServiceHealth now() {
        try {
            ServiceHealth now = health.get();
            return now != null ? now : ServiceHealth.down("no answer");
        } catch (RuntimeException e) {
            return ServiceHealth.down("the check failed: " + e);
        }
    }
}
