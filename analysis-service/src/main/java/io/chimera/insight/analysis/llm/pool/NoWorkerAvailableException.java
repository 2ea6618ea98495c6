package io.chimera.insight.analysis.llm.pool;

import io.chimera.insight.analysis.llm.LlmException;
import io.chimera.insight.analysis.llm.LlmUnavailableException;
import io.chimera.insight.events.LlmFailureKind;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Every endpoint is down, lacks the model or has its circuit open: the request fails at once rather
 * than waiting, so its facts can be published with the narrative pending, and is tried again later
 * by the caller. The pool does not retry it: nothing can answer now.
 *
 * <p>Its {@link #kind()} and {@link #workerSaid()} are those of the latest failure of a worker that
 * was reached (an open circuit says why it opened: {@code server error (HTTP 500: …)}), and
 * {@link LlmFailureKind#UNREACHABLE} only when no endpoint could be reached at all.
 */
public class NoWorkerAvailableException extends LlmUnavailableException {

    private final List<EndpointStatus> endpoints;

    /** @param lastFailures the latest failure of each endpoint that had one */
    public NoWorkerAvailableException(String model, List<EndpointStatus> endpoints, List<LlmException> lastFailures) {
        this(model, endpoints, lastFailures.stream().filter(Objects::nonNull)
                .filter(failure -> failure.kind() != LlmFailureKind.UNREACHABLE).findFirst()
                .or(() -> lastFailures.stream().filter(Objects::nonNull).findFirst()).orElse(null));
    }

    private NoWorkerAvailableException(String model, List<EndpointStatus> endpoints, LlmException telling) {
        super(endpoints.stream().map(EndpointStatus::endpoint).collect(Collectors.joining(", ")),
                telling == null ? LlmFailureKind.UNREACHABLE : telling.kind(),
                telling == null ? null : telling.workerSaid().orElse(null),
                "no GPU worker available for " + model + ": "
                        + endpoints.stream().map(EndpointStatus::describe).collect(Collectors.joining("; ")),
                null);
        this.endpoints = List.copyOf(endpoints);
    }

    /** The state of every endpoint when the request was refused. */
    public List<EndpointStatus> endpoints() {
        return endpoints;
    }
}
