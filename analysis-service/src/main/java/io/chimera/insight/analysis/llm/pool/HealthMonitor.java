package io.chimera.insight.analysis.llm.pool;

import io.chimera.insight.analysis.llm.LlmException;
import io.chimera.insight.analysis.llm.LlmModelNotFoundException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes each endpoint's model listing ({@code GET /api/tags}, {@code GET /v1/models}): reachable
 * and naming the model is UP, reachable without it is MODEL_MISSING (with the command that fixes
 * it), anything else DOWN. An endpoint that comes back gets a trial call even if its circuit is
 * still open, because the probe just showed it answering.
 */
final class HealthMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final List<WorkerEndpoint> endpoints;
    private final String model;
    private final Duration probeTimeout;
    private final Executor probes;
    private final Runnable onRecovered;

    /** @param onRecovered run after an endpoint became routable again (wakes waiting work) */
    HealthMonitor(List<WorkerEndpoint> endpoints, String model, Duration probeTimeout, Executor probes,
                  Runnable onRecovered) {
        this.endpoints = List.copyOf(endpoints);
        this.model = model;
        this.probeTimeout = probeTimeout;
        this.probes = probes;
        this.onRecovered = onRecovered;
    }

    /** Probes every endpoint in parallel and waits for all, at most {@code limit}. */
    void probeAll(Duration limit) {
        CompletableFuture<?>[] running = endpoints.stream()
                .map(endpoint -> CompletableFuture.runAsync(() -> probe(endpoint), probes))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(running).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("health probes did not all finish: {}", e.toString());
        }
    }

    void probe(WorkerEndpoint endpoint) {
        EndpointHealth before = endpoint.health();
        boolean recovered;
        try {
            List<String> served = endpoint.client().listModels(probeTimeout);
            if (ModelNames.contains(served, model)) {
                recovered = endpoint.update(EndpointHealth.UP, "ok");
            } else {
                LlmModelNotFoundException missing = new LlmModelNotFoundException(endpoint.url(),
                        endpoint.client().api(), model,
                        "it lists " + (served.isEmpty() ? "no models" : String.join(", ", served)));
                endpoint.failed(missing);
                recovered = endpoint.update(EndpointHealth.MODEL_MISSING, missing.getMessage());
            }
        } catch (LlmException e) {
            endpoint.failed(e);
            recovered = endpoint.update(EndpointHealth.DOWN, e.getMessage());
        } catch (RuntimeException e) {
            recovered = endpoint.update(EndpointHealth.DOWN, "probe failed: " + e);
        }
        EndpointHealth after = endpoint.health();
        if (after != before) {
            if (after == EndpointHealth.UP) {
                LOG.info("GPU worker {} is up and serves {}", endpoint.url(), model);
            } else if (before == EndpointHealth.UNKNOWN) {
                // Down from the start: the caller reports that once, in its own words (chimera run's
                // warning, an LLM_UNAVAILABLE result); a WARN here would say it twice.
                LOG.info("GPU worker {}", endpoint.status().describe());
            } else {
                LOG.warn("GPU worker {}", endpoint.status().describe());
            }
        }
        if (recovered) {
            if (endpoint.circuit().getState() == CircuitBreaker.State.OPEN) {
                endpoint.circuit().transitionToHalfOpenState();
            }
            onRecovered.run();
        }
    }
}
