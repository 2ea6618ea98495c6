package io.chimera.insight.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What a service's ops endpoint says over real HTTP: its {@code /health} status and the sum of a
 * Prometheus series in its {@code /metrics}. The fault scenarios use them to inject a fault at the
 * moment it means something (mid-ingest, mid-generation), never to judge the outcome.
 */
final class ServiceProbes {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProbes() {
    }

    /** The HTTP status of {@code /health} on {@code port}, or -1 when nothing answers. */
    static int health(int port) {
        HttpResponse<String> response = get(port, "/health");
        return response == null ? -1 : response.statusCode();
    }

    /**
     * The sum over every series of {@code metric} whose labels contain {@code labelPart} (empty: all),
     * 0 when there is none yet or the service does not answer.
     */
    static double sum(int port, String metric, String labelPart) {
        HttpResponse<String> response = get(port, "/metrics");
        if (response == null || response.statusCode() != 200) {
            return 0;
        }
        double sum = 0;
        for (String line : response.body().split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                int valueAt = line.lastIndexOf(' ');
                if (line.substring(0, valueAt).contains(labelPart)) {
                    sum += Double.parseDouble(line.substring(valueAt + 1));
                }
            }
        }
        return sum;
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
