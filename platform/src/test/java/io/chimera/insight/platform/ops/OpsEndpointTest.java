package io.chimera.insight.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.platform.service.ChimeraService;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsEndpointTest {

    /** A service that is running until told otherwise. */
    private static final class FakeService implements ChimeraService {
        final AtomicBoolean running = new AtomicBoolean(true);

        @Override
        public String name() {
            return "report";
        }

        @Override
        public void start() {
        }

        @Override
        public boolean isRunning() {
            return running.get();
        }

        @Override
        public void close() {
            running.set(false);
        }
    }

    @Test
    void aServiceEndpointLabelsItsMetersAndReportsItsServiceHealth() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        FakeService service = new FakeService();
        try (OpsEndpoint ops = OpsEndpoint.forService("report", 0)) {
            ops.watch(service);
            assertThat(ops.pipeline("report")).isSameAs(ops.pipeline("report"));

            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(ops.metricsUri()).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> up = http.send(HttpRequest.newBuilder(ops.healthUri()).build(),
                    HttpResponse.BodyHandlers.ofString());
            service.close();
            HttpResponse<String> down = http.send(HttpRequest.newBuilder(ops.healthUri()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(ops.metricsUri().toString()).isEqualTo("http://127.0.0.1:" + ops.port() + "/metrics");
            assertThat(metrics.body()).contains("chimera_reports_written_total{service=\"report\",status=\"COMPLETE\"} 0.0")
                    .containsPattern("process_uptime_seconds\\{service=\"report\"}");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).isEqualTo("{\"status\":\"UP\",\"service\":\"report\"}");
            assertThat(down.statusCode()).isEqualTo(503);
        }
    }
}
