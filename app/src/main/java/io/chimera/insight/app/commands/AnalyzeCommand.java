package io.chimera.insight.app.commands;

import io.chimera.insight.analysis.service.AnalysisService;
import io.chimera.insight.app.options.ClusterOptions;
import io.chimera.insight.app.options.HttpOptions;
import io.chimera.insight.app.options.LlmOptions;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.app.wiring.UntilShutdown;
import io.chimera.insight.platform.ops.OpsEndpoint;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The analysis service against a real cluster. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Run the analysis service: for each analysis request, build a prompt from the aggregate only,",
            "ask the GPU worker for a structured narrative, verify its numbers against the data and publish the",
            "result. Runs until stopped."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    LlmOptions llm;

    @Mixin
    HttpOptions http;

    @Override
    public Integer call() throws Exception {
        ServiceFactory services = Clusters.connect(cluster);
        OpsEndpoint ops = http.open("analyze");
        AnalysisService service = services.withMetrics(ops::pipeline).analysis(llm.target());
        ops.watch(service);
        service.start();
        UntilShutdown.await(List.of(ops, service));
        return 0;
    }
}
