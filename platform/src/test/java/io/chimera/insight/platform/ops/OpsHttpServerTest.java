package io.chimera.insight.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.platform.service.ServiceHealth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(OpsHttpServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesPrometheusTextOnMetrics() throws Exception {
        try (OpsRegistry registry = OpsRegistry.shared();
             OpsHttpServer server = OpsHttpServer.start("127.0.0.1", 0, registry, new Health())) {
            registry.pipeline("report");

            HttpResponse<String> response = get(server, "/metrics");

            assertThat(server.port()).isPositive();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(OpsHttpServer.PROMETHEUS_TEXT);
            assertThat(response.body()).contains("# TYPE chimera_reports_written_total counter");
        }
    }

    @Test
    void healthIsUpOnlyWhileEveryCheckIsUp() throws Exception {
        AtomicBoolean reportRunning = new AtomicBoolean(true);
        Health health = new Health();
        try (OpsHttpServer server = OpsHttpServer.start("127.0.0.1", 0, () -> "", health)) {
            assertThat(get(server, "/health").statusCode()).as("nothing started yet").isEqualTo(503);

            health.add(new HealthCheck("report", () -> ServiceHealth.running(reportRunning.get())));
            HttpResponse<String> up = get(server, "/health");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).isEqualTo("{\"status\":\"UP\",\"service\":\"report\"}");

            health.add(new HealthCheck("aggregate", () -> ServiceHealth.UP));
            reportRunning.set(false);
            HttpResponse<String> down = get(server, "/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body())
                    .isEqualTo("{\"status\":\"DOWN\",\"services\":{\"report\":\"DOWN\",\"aggregate\":\"UP\"},"
                            + "\"reasons\":{\"report\":\"not running\"}}");
        }
    }

    @Test
    void aDegradedServiceAnswers200WithItsReasonAndADownOneWins() throws Exception {
        AtomicReference<ServiceHealth> ingest = new AtomicReference<>(ServiceHealth.degraded("1 file failing"));
        Health health = new Health().add(new HealthCheck("ingest", ingest::get));
        try (OpsHttpServer server = OpsHttpServer.start("127.0.0.1", 0, () -> "", health)) {
            HttpResponse<String> degraded = get(server, "/health");
            assertThat(degraded.statusCode()).as("still serving: a restart would not help").isEqualTo(200);
            assertThat(degraded.body())
                    .isEqualTo("{\"status\":\"DEGRADED\",\"service\":\"ingest\",\"reason\":\"1 file failing\"}");

            health.add(new HealthCheck("report", () -> ServiceHealth.down("stopped")));
            HttpResponse<String> down = get(server, "/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).startsWith("{\"status\":\"DOWN\",\"services\":{\"ingest\":\"DEGRADED\","
                    + "\"report\":\"DOWN\"}");

            ingest.set(ServiceHealth.UP);
            assertThat(health.state()).as("the worst check decides").isEqualTo(ServiceHealth.State.DOWN);
        }
    }

    @Test
    void aCheckThatThrowsCountsAsDown() {
        Health health = new Health().add(new HealthCheck("analyze", () -> {
            throw new IllegalStateException("boom");
        }));
        assertThat(health.state()).isEqualTo(ServiceHealth.State.DOWN);
    }

    @Test
    void unknownPathsAndOtherMethodsAreRefused() throws Exception {
        try (OpsHttpServer server = OpsHttpServer.start("127.0.0.1", 0, () -> "x", new Health())) {
            assertThat(get(server, "/metricsx").statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void aMountedHandlerAnswersEveryOtherPathAndMetricsStayTheServers() throws Exception {
        try (OpsRegistry registry = OpsRegistry.shared();
             OpsHttpServer server = OpsHttpServer.start("127.0.0.1", 0, registry, new Health())) {
            assertThat(get(server, "/").statusCode()).as("nothing mounted").isEqualTo(404);

            server.mount(exchange -> {
                try (exchange) {
                    byte[] body = ("console at " + exchange.getRequestURI().getPath()).getBytes();
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });

            assertThat(get(server, "/models/x").body()).isEqualTo("console at /models/x");
            assertThat(get(server, "/metrics").body()).contains("# TYPE");
            assertThatThrownBy(() -> server.mount(exchange -> exchange.close()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("mounted");
        }
    }
}
