package io.chimera.insight.localstack.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * One generating endpoint ({@code /api/chat}, {@code /api/generate}, {@code /v1/chat/completions}):
 * what differs between them is only the error body shape and how output is framed.
 */
interface ModelEndpoint {

    /** The body of an HTTP error response in this protocol's shape. */
    Object errorBody(String message);

    /** Opens the output of one call. */
    GenerationSink openSink(HttpExchange exchange, JsonNode request, String model);
}
