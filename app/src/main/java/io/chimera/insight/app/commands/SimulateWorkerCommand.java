package io.chimera.insight.app.commands;

import io.chimera.insight.analysis.service.AnalysisServiceSettings;
import io.chimera.insight.app.options.LlmOptions;
import io.chimera.insight.app.wiring.UntilShutdown;
import io.chimera.insight.localstack.worker.FailureMode;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.SimulatorSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** A GPU-worker stand-in for load tests of a deployment without a GPU. */
@Command(name = "simulate-worker", mixinStandardHelpOptions = true,
        description = {"Serve Ollama's /api/chat and /api/generate (NDJSON) and OpenAI's /v1/chat/completions (SSE)",
            "with a set time to first token and throughput, so a deployment can be load-tested without a GPU.",
            "Answers are canned JSON narratives without numbers: never a stand-in for a real model's analysis."})
public final class SimulateWorkerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}, Ollama's).")
    int port = LlmOptions.OLLAMA_PORT;

    @Option(names = "--ttft-ms", paramLabel = "MS", defaultValue = "200",
            description = "Time to first token (default: ${DEFAULT-VALUE}).")
    long ttftMs;

    @Option(names = "--tokens-per-s", paramLabel = "N", defaultValue = "50",
            description = "Generation speed (default: ${DEFAULT-VALUE}).")
    double tokensPerS;

    @Option(names = "--error-rate", paramLabel = "P", defaultValue = "0",
            description = "Share of calls answered with HTTP 500, from 0 to 1 (default: ${DEFAULT-VALUE}).")
    double errorRate;

    @Option(names = "--model", paramLabel = "NAME", split = ",",
            description = "Models it serves; others get Ollama's 404 (default: ${DEFAULT-VALUE}, the model the "
                    + "pipeline asks for by default).")
    List<String> models = new ArrayList<>(List.of(AnalysisServiceSettings.DEFAULT_MODEL));

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "0",
            description = "Generations at once, like one GPU; 0 = unlimited (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Override
    public Integer call() throws Exception {
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("--error-rate must be between 0 and 1, not " + errorRate);
        }
        SimulatorSettings settings = new SimulatorSettings().ttftMs(ttftMs).tokensPerS(tokensPerS)
                .models(models.toArray(String[]::new)).maxConcurrent(maxConcurrent);
        OllamaSimulator simulator = new OllamaSimulator(port, settings).start();
        if (errorRate > 0) {
            simulator.failures().failRandomly(FailureMode.HTTP_500, errorRate);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("simulated GPU worker at " + simulator.baseUrl() + " (TTFT " + ttftMs + " ms, " + tokensPerS
                + " tokens/s, models " + models + ")");
        out.flush();
        UntilShutdown.await(List.of(simulator));
        return 0;
    }
}
