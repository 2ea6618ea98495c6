package io.chimera.insight.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.platform.service.ChimeraService;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
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

    @Test
    void aServiceEndpointBoundToLoopbackCannotBeReachedOnTheMachinesOtherAddresses() throws Exception {
        InetAddress other = nonLoopbackAddress();
        try (OpsEndpoint everywhere = OpsEndpoint.forService("ingest", 0);
             OpsEndpoint loopback = OpsEndpoint.forService("ingest", "127.0.0.1", 0)) {
            assertThat(connects(other, everywhere.port())).as("default: every interface").isTrue();
            assertThat(connects(InetAddress.getLoopbackAddress(), loopback.port())).isTrue();
            assertThat(connects(other, loopback.port())).as("bound to 127.0.0.1 only").isFalse();
        }
    }

    /** An address of this machine other than loopback; the test is aborted on a machine without one. */
    private static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (nic.isUp() && address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return address;
                }
            }
        }
        return Assumptions.abort("this machine has no IPv4 address but loopback");
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
