package io.chimera.insight.app.options;

import io.chimera.insight.platform.ops.OpsEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a service serves {@code /metrics} and {@code /health} (and the report service its console): shared by
 * the stand-alone service commands. Loopback unless told otherwise: the console shows benchmark data.
 */
public final class HttpOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:CHIMERA_HTTP_PORT}",
            description = "Port of /metrics (Prometheus) and /health (default: ${DEFAULT-VALUE}; "
                    + "0 picks a free one). Env: CHIMERA_HTTP_PORT.")
    int port = OpsEndpoint.DEFAULT_PORT;

    @Option(names = "--http-host", paramLabel = "ADDRESS", defaultValue = "${env:CHIMERA_HTTP_HOST:-127.0.0.1}",
            description = "Address /metrics, /health (and the report service's web console) listen on (default: "
                    + "${DEFAULT-VALUE}, this machine only; 0.0.0.0, every interface, where probes and Prometheus "
                    + "reach a container with a network of its own: the image sets it). Env: CHIMERA_HTTP_HOST.")
    String host = OpsEndpoint.LOOPBACK;

    public int port() {
        return port;
    }

    /** Starts the endpoint of {@code service} (every meter labelled with it) and says where it listens. */
    public OpsEndpoint open(String service) throws IOException {
        OpsEndpoint ops = OpsEndpoint.forService(service, host, port);
        PrintWriter out = command.commandLine().getOut();
        out.println(service + ": metrics on " + ops.metricsUri() + ", health on " + ops.healthUri());
        out.flush();
        return ops;
    }
}
