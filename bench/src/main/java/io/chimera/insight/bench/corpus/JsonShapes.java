package io.chimera.insight.bench.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The JSON rig outputs. */
final class JsonShapes {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonShapes() {
    }

    /** Baseline and tuned agent, each with its runs, its own averages and its Ollama configuration. */
    static final class AgentMetrics implements FileShape.Writer {
        @Override
        public GeneratedFile write(Path folder, int index, String model, RunSampler sampler) throws IOException {
            SweepConfig tuned = sampler.anyConfig(model);
            Path dir = Files.createDirectories(folder.resolve("Demo_rust_agent_sweep__gpu" + tuned.numGpu() + "_ctx"
                    + tuned.numCtx() + "_temp" + tuned.temperatureText().replace('.', 'p') + "_" + index));
            Path path = dir.resolve("metrics.json");
            ObjectNode root = JSON.createObjectNode();
            int[] counts = new int[2];
            ObjectNode baseline = agent(root.putObject("baseline"), "Baseline", model, null, index, sampler, counts);
            root.put("benchmark_type", "rust_vs_python_agent");
            ObjectNode chimera = agent(root.putObject("chimera"), "Chimera", model, tuned, index, sampler, counts);
            ObjectNode delta = root.putObject("delta");
            double baseTps = baseline.path("aggregate_metrics").path("average_tokens_per_second").asDouble();
            double tunedTps = chimera.path("aggregate_metrics").path("average_tokens_per_second").asDouble();
            delta.put("baseline_throughput", baseTps);
            delta.put("chimera_throughput", tunedTps);
            delta.put("throughput_delta_absolute", tunedTps - baseTps);
            delta.put("throughput_improvement_percent", baseTps == 0 ? 0 : (tunedTps - baseTps) / baseTps * 100);
            root.put("language", "rust");
            root.put("timestamp", Stamps.at(index, 60).toString());
            JSON.writeValue(path.toFile(), root);
            return new GeneratedFile(path, FileShape.AGENT_METRICS_JSON, model, counts[0], counts[1]);
        }

        private static ObjectNode agent(ObjectNode agent, String type, String model, SweepConfig config, int index,
                                        RunSampler sampler, int[] counts) {
            SweepConfig drawn = config == null ? sampler.anyConfig(model) : config;
            int runs = 1 + sampler.random().nextInt(3);
            agent.put("agent_type", type);
            ObjectNode aggregate = agent.putObject("aggregate_metrics");
            ObjectNode configuration = agent.putObject("configuration");
            if (config != null) {
                configuration.put("num_ctx", config.numCtx());
                configuration.put("num_gpu", config.numGpu());
                configuration.put("repeat_penalty", 1.100000023841858);
                configuration.put("temperature", (float) config.temperature());
                configuration.put("top_k", 40);
                configuration.put("top_p", 0.8999999761581421);
            }
            ArrayNode individual = agent.putArray("individual_runs");
            double sumTps = 0;
            double sumTtft = 0;
            int ok = 0;
            for (int i = 0; i < runs; i++) {
                RunSample run = sampler.sample(model, drawn);
                ObjectNode node = individual.addObject();
                node.put("eval_duration_ms", run.evalS() * 1000);
                node.put("load_duration_ms", run.loadS() * 1000);
                node.put("prompt_eval_duration_ms", run.promptEvalS() * 1000);
                node.put("throughput_tokens_per_sec", run.tokensS());
                node.put("tokens_generated", run.evalCount());
                node.put("total_duration_ms", run.totalS() * 1000);
                node.put("ttft_ms", run.ttftS() * 1000);
                if (run.failed()) {
                    node.put("error", run.error());
                    counts[1]++;
                } else {
                    sumTps += run.tokensS();
                    sumTtft += run.ttftS() * 1000;
                    ok++;
                }
                counts[0]++;
            }
            aggregate.put("average_tokens_per_second", ok == 0 ? 0 : sumTps / ok);
            aggregate.put("average_ttft_ms", ok == 0 ? 0 : sumTtft / ok);
            aggregate.put("stddev_throughput", 0.0);
            aggregate.put("stddev_ttft", 0.0);
            agent.put("model", model);
            agent.put("runs", runs);
            ObjectNode system = agent.putObject("system_info");
            system.put("arch", "x86_64");
            system.put("os", "linux");
            system.put("rust_version", "1.90.0");
            agent.put("timestamp", Stamps.at(index, counts[0]).toString());
            return agent;
        }
    }

    /** Five prompts under {@code results[]}, the model once at the top. */
    static final class Baseline implements FileShape.Writer {
        @Override
        public GeneratedFile write(Path folder, int index, String model, RunSampler sampler) throws IOException {
            Path path = folder.resolve(ModelNames.fileStem(model) + "_baseline_" + index + ".json");
            ObjectNode root = JSON.createObjectNode();
            root.put("model", model);
            ArrayNode results = root.putArray("results");
            SweepConfig config = sampler.anyConfig(model);
            int failed = 0;
            for (String prompt : CsvShapes.PROMPTS) {
                RunSample run = sampler.sample(model, config);
                ObjectNode node = results.addObject();
                node.put("prompt", prompt);
                node.put("ttft_s", run.ttftS());
                node.put("tokens_s", run.tokensS());
                node.put("load_s", run.loadS());
                node.put("prompt_eval_s", run.promptEvalS());
                node.put("eval_s", run.evalS());
                node.put("eval_count", run.evalCount());
                node.put("response_chars", run.responseChars());
                if (run.failed()) {
                    node.put("error", run.error());
                    failed++;
                }
            }
            ObjectNode options = root.putObject("options");
            for (Map.Entry<String, Object> option : config.options().entrySet()) {
                options.putPOJO(option.getKey(), option.getValue());
            }
            JSON.writeValue(path.toFile(), root);
            return new GeneratedFile(path, FileShape.BASELINE_JSON, model, CsvShapes.PROMPTS.length, failed);
        }
    }
}
