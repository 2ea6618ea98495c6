package io.chimera.insight.bench;

import io.chimera.insight.analysis.llm.LlmApi;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.bench.pipeline.BenchPipeline;
import io.chimera.insight.bench.result.Figure;
import io.chimera.insight.bench.result.ResultTable;
import io.chimera.insight.ingest.FileIngestor;
import io.chimera.insight.ingest.normalise.MappingRules;
import io.chimera.insight.localstack.LocalStack;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.SimulatorSettings;
import io.chimera.insight.platform.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every step of a bench run shares: the options, the embedded broker, the simulated GPU
 * worker (0 ms TTFT), the work folder, the progress display, and the table and notes the steps
 * fill in.
 */
final class BenchContext {

    /** Context window asked of the worker, as {@code chimera run}'s default. */
    static final int NUM_CTX = 8192;

    private final BenchOptions options;
    private final LocalStack stack;
    private final KafkaSettings kafka;
    private final OllamaSimulator worker;
    private final Path workDir;
    private final BenchProgress progress;
    private final ResultTable table = new ResultTable();
    private final List<String> notes = new ArrayList<>();
    private final FileIngestor ingestor = new FileIngestor(MappingRules.bundled());

    BenchContext(BenchOptions options, LocalStack stack, OllamaSimulator worker, Path workDir,
                 BenchProgress progress) {
        this.options = options;
        this.stack = stack;
        this.kafka = stack.kafkaSettings();
        this.worker = worker;
        this.workDir = workDir;
        this.progress = progress;
    }

    /** The instant worker: no time to first token, generation far faster than any GPU. */
    static SimulatorSettings instantWorker() {
        return new SimulatorSettings().ttftMs(0).tokensPerS(100_000);
    }

    BenchOptions options() {
        return options;
    }

    KafkaSettings kafka() {
        return kafka;
    }

    OllamaSimulator worker() {
        return worker;
    }

    Path workDir() {
        return workDir;
    }

    BenchProgress progress() {
        return progress;
    }

    FileIngestor ingestor() {
        return ingestor;
    }

    ResultTable table() {
        return table;
    }

    List<String> notes() {
        return notes;
    }

    void add(Figure figure) {
        table.add(figure);
    }

    void note(String note) {
        notes.add(note);
    }

    /** A fresh pipeline on its own topics, with a registry client of its own that may register schemas. */
    BenchPipeline pipeline(String prefix) throws IOException {
        return BenchPipeline.create(kafka, stack.registryClient(), prefix, options.partitions(), workDir);
    }

    /**
     * A fresh pipeline whose clients also get {@code clientProperties} (a Streams production
     * exception handler, say), beside the broker's own settings.
     */
    BenchPipeline pipeline(String prefix, Map<String, String> clientProperties) throws IOException {
        Map<String, String> merged = new HashMap<>(kafka.clientProperties());
        merged.putAll(clientProperties);
        KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), merged,
                kafka.groupInstanceId(), kafka.topicReplication());
        return BenchPipeline.create(settings, stack.registryClient(), prefix, options.partitions(), workDir);
    }

    /**
     * The analysis service's worker target spanning several simulated workers, one generation at
     * a time on each (the pool's concurrency per endpoint is 1, like the simulators').
     */
    static ServiceFactory.LlmTarget target(List<OllamaSimulator> simulators) {
        ServiceFactory.LlmTarget one = target(simulators.get(0));
        List<String> urls = simulators.stream().map(OllamaSimulator::baseUrl).toList();
        return new ServiceFactory.LlmTarget(one.api(), urls, one.model(), one.options(), one.keepAlive(),
                one.persona(), one.client(), one.pool().withConcurrencyPerEndpoint(1), one.pacing());
    }

    /** The analysis service's worker target for one simulated worker. */
    static ServiceFactory.LlmTarget target(OllamaSimulator simulator) {
        return new ServiceFactory.LlmTarget(LlmApi.OLLAMA, simulator.baseUrl(), SimulatorSettings.DEFAULT_MODEL,
                NUM_CTX, 0.2, Duration.ofSeconds(2));
    }
}
