package io.chimera.insight.app.commands;

import io.chimera.insight.analysis.service.AnalysisService;
import io.chimera.insight.app.options.ClusterOptions;
import io.chimera.insight.app.options.LlmOptions;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.app.wiring.UntilShutdown;
import java.time.Duration;
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

    @Override
    public Integer call() throws Exception {
        ServiceFactory.LlmTarget target = new ServiceFactory.LlmTarget(llm.api(), llm.urls().get(0), llm.model(),
                llm.numCtx(), llm.temperature(), Duration.ofSeconds(llm.connectTimeoutSeconds()));
        AnalysisService service = Clusters.connect(cluster).analysis(target);
        service.start();
        UntilShutdown.await(List.of(service));
        return 0;
    }
}
