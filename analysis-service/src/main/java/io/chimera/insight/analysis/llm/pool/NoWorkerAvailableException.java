package io.chimera.insight.analysis.llm.pool;

import io.chimera.insight.analysis.llm.LlmUnavailableException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every endpoint is down, lacks the model or has its circuit open: the request fails at once rather
 * than waiting, so its facts can be published with the narrative pending, and is tried again later
 * by the caller. The pool does not retry it: nothing can answer now.
 */
public class NoWorkerAvailableException extends LlmUnavailableException {

    private final List<EndpointStatus> endpoints;

    public NoWorkerAvailableException(String model, List<EndpointStatus> endpoints) {
        super(endpoints.stream().map(EndpointStatus::endpoint).collect(Collectors.joining(", ")),
                "no GPU worker available for " + model + ": "
                        + endpoints.stream().map(EndpointStatus::describe).collect(Collectors.joining("; ")),
                null, true);
        this.endpoints = List.copyOf(endpoints);
    }

    /** The state of every endpoint when the request was refused. */
    public List<EndpointStatus> endpoints() {
        return endpoints;
    }
}
