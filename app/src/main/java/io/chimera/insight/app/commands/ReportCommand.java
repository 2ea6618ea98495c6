package io.chimera.insight.app.commands;

import io.chimera.insight.app.options.ClusterOptions;
import io.chimera.insight.app.options.HttpOptions;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.app.wiring.UntilShutdown;
import io.chimera.insight.platform.ops.OpsEndpoint;
import io.chimera.insight.report.ReportService;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The report service against a real cluster. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Run the report service: write each analysis result as Markdown and JSON under --reports and",
            "publish a reports event and a generation-metrics event for it. Runs until stopped.",
            "Serves the web console (/, the reports and the pipeline's meters for a browser), /metrics (Prometheus)",
            "and /health on --http-port, bound to --http-host."})
public final class ReportCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--reports", paramLabel = "DIR", defaultValue = "${env:CHIMERA_REPORTS_DIR}",
            description = "Where reports are written (default: ${DEFAULT-VALUE}). Env: CHIMERA_REPORTS_DIR.")
    Path reports = ReportService.DEFAULT_REPORTS_DIR;

    @Mixin
    HttpOptions http;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ServiceFactory services = Clusters.connect(cluster);
        OpsEndpoint ops = http.open("report");
        ReportService service = services.withMetrics(ops::pipeline).report(reports);
        ops.watch(service);
        service.start();
        ops.mount(service.console());
        spec.commandLine().getOut().println("report: console on " + ops.uri("/"));
        spec.commandLine().getOut().flush();
        UntilShutdown.await(List.of(ops, service));
        return 0;
    }
}
