package io.chimera.insight.app.options;

import io.chimera.insight.platform.ops.OpsEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where a service serves {@code /metrics} and {@code /health}: shared by the stand-alone service commands. */
public final class HttpOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:CHIMERA_HTTP_PORT}",
            description = "Port of /metrics (Prometheus) and /health, on all interfaces (default: ${DEFAULT-VALUE}; "
                    + "0 picks a free one). Env: CHIMERA_HTTP_PORT.")
    int port = OpsEndpoint.DEFAULT_PORT;

    public int port() {
        return port;
    }

    /** Starts the endpoint of {@code service} (every meter labelled with it) and says where it listens. */
    public OpsEndpoint open(String service) throws IOException {
        OpsEndpoint ops = OpsEndpoint.forService(service, port);
        PrintWriter out = command.commandLine().getOut();
        out.println(service + ": metrics on " + ops.metricsUri() + ", health on " + ops.healthUri());
        out.flush();
        return ops;
    }
}
