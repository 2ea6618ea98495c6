package io.chimera.insight.aggregate.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the query API, marking the request as forwarded so that it is
 * answered there and not sent on.
 */
final class PeerClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /** Thrown when the peer did not answer; carries which peer. */
    static final class PeerUnavailableException extends Exception {
        PeerUnavailableException(HostInfo peer, Throwable cause) {
            super("instance " + peer.host() + ":" + peer.port() + " did not answer: " + cause, cause);
        }
    }

    /**
     * GET {@code rawPath} (already percent-encoded) from {@code peer}; its status and body as they came.
     */
    QueryResponse get(HostInfo peer, String rawPath) throws PeerUnavailableException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + peer.host() + ":" + peer.port() + rawPath))
                .timeout(REQUEST_TIMEOUT)
                .header(ModelQueries.FORWARDED_HEADER, "true")
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new QueryResponse(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new PeerUnavailableException(peer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException(peer, e);
        }
    }
}
