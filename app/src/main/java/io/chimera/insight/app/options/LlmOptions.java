package io.chimera.insight.app.options;

import io.chimera.insight.analysis.llm.GenerationOptions;
import io.chimera.insight.analysis.llm.LlmApi;
import io.chimera.insight.analysis.llm.LlmClientSettings;
import io.chimera.insight.analysis.llm.pool.PoolSettings;
import io.chimera.insight.analysis.prompt.PromptSettings;
import io.chimera.insight.analysis.service.AnalysisServiceSettings;
import io.chimera.insight.app.wiring.ServiceFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Which GPU worker(s) to ask for narratives. */
public final class LlmOptions {

    /** Ollama's own port, which a bare host and {@code simulate-worker} default to. */
    public static final int OLLAMA_PORT = 11434;

    /** Ollama's own default address. */
    public static final String DEFAULT_OLLAMA = "http://localhost:" + OLLAMA_PORT;

    @Option(names = "--llm", paramLabel = "URL",
            description = "Base URL of a GPU worker (Ollama, or an OpenAI-compatible server with --llm-api openai); "
                    + "repeatable. Default: $OLLAMA_HOST, else " + DEFAULT_OLLAMA + ".")
    List<String> urls = new ArrayList<>();

    @Option(names = "--llm-model", paramLabel = "NAME", defaultValue = "${env:CHIMERA_LLM_MODEL}",
            description = "Model the worker runs for narratives (default: ${DEFAULT-VALUE}). Env: CHIMERA_LLM_MODEL.")
    String model = AnalysisServiceSettings.DEFAULT_MODEL;

    @Option(names = "--llm-api", paramLabel = "ollama|openai", defaultValue = "ollama",
            description = "Protocol of the worker: ollama (/api/chat, NDJSON) or openai (/v1/chat/completions, SSE). "
                    + "Default: ${DEFAULT-VALUE}.")
    String api;

    @Option(names = "--llm-num-ctx", paramLabel = "TOKENS", defaultValue = "${env:CHIMERA_LLM_NUM_CTX}",
            description = "Context window requested from the worker (num_ctx); the prompt is fitted into it "
                    + "(default: ${DEFAULT-VALUE}). Env: CHIMERA_LLM_NUM_CTX.")
    int numCtx = PromptSettings.DEFAULT_NUM_CTX;

    @Option(names = "--llm-temperature", paramLabel = "T", defaultValue = "${env:CHIMERA_LLM_TEMPERATURE:-0.2}",
            description = "Sampling temperature (default: ${DEFAULT-VALUE}); low, because a report should not be "
                    + "creative. Env: CHIMERA_LLM_TEMPERATURE.")
    double temperature;

    @Option(names = "--llm-num-gpu", paramLabel = "LAYERS", defaultValue = "${env:CHIMERA_LLM_NUM_GPU}",
            description = "Layers to offload to the GPU (num_gpu); default: the worker's. Env: CHIMERA_LLM_NUM_GPU.")
    Integer numGpu;

    @Option(names = "--llm-top-p", paramLabel = "P", defaultValue = "${env:CHIMERA_LLM_TOP_P}",
            description = "Nucleus sampling threshold (top_p); default: the worker's. Env: CHIMERA_LLM_TOP_P.")
    Double topP;

    @Option(names = "--llm-top-k", paramLabel = "K", defaultValue = "${env:CHIMERA_LLM_TOP_K}",
            description = "Top-k sampling (top_k, Ollama only); default: the worker's. Env: CHIMERA_LLM_TOP_K.")
    Integer topK;

    @Option(names = "--llm-repeat-penalty", paramLabel = "X", defaultValue = "${env:CHIMERA_LLM_REPEAT_PENALTY}",
            description = "Penalty on repeated tokens (repeat_penalty, Ollama only); default: the worker's. "
                    + "Env: CHIMERA_LLM_REPEAT_PENALTY.")
    Double repeatPenalty;

    @Option(names = "--llm-num-predict", paramLabel = "TOKENS", defaultValue = "${env:CHIMERA_LLM_NUM_PREDICT}",
            description = "Most tokens to generate (num_predict; max_tokens for OpenAI); also the room kept free "
                    + "for the answer in the context window. Default: unlimited, with min(1536, num_ctx/2) kept free. "
                    + "Env: CHIMERA_LLM_NUM_PREDICT.")
    Integer numPredict;

    @Option(names = "--llm-seed", paramLabel = "N", defaultValue = "${env:CHIMERA_LLM_SEED}",
            description = "Sampling seed, for repeatable narratives; default: random. Env: CHIMERA_LLM_SEED.")
    Long seed;

    @Option(names = "--llm-keep-alive", paramLabel = "DURATION", defaultValue = "${env:CHIMERA_LLM_KEEP_ALIVE}",
            description = "How long Ollama keeps the model loaded after a call (keep_alive, e.g. 5m, -1 for ever); "
                    + "default: the worker's. Env: CHIMERA_LLM_KEEP_ALIVE.")
    String keepAlive;

    @Option(names = "--llm-persona", paramLabel = "FILE",
            description = "Text file replacing the analyst persona at the start of the system prompt (the output "
                    + "rules stay).")
    Path persona;

    @Option(names = "--llm-concurrency", paramLabel = "N", defaultValue = "${env:CHIMERA_LLM_CONCURRENCY}",
            description = "Calls each worker runs at once (match Ollama's OLLAMA_NUM_PARALLEL; default: "
                    + "${DEFAULT-VALUE}). Env: CHIMERA_LLM_CONCURRENCY.")
    int concurrency = PoolSettings.DEFAULT_CONCURRENCY_PER_ENDPOINT;

    @Option(names = "--llm-queue", paramLabel = "N",
            description = "Analyses that may wait for a free worker before consumption pauses (default: "
                    + "${DEFAULT-VALUE}).")
    int queue = PoolSettings.DEFAULT_QUEUE_CAPACITY;

    @Option(names = "--llm-max-attempts", paramLabel = "N",
            description = "Tries per call for retryable failures (connect errors, 429, 5xx, broken streams), with "
                    + "exponential backoff and jitter; Retry-After is honoured (default: ${DEFAULT-VALUE}).")
    int maxAttempts = PoolSettings.DEFAULT_MAX_ATTEMPTS;

    @Option(names = "--llm-connect-timeout", paramLabel = "SECONDS",
            description = "Seconds to wait for a worker to accept the connection (default: ${DEFAULT-VALUE}).")
    long connectTimeoutSeconds = LlmClientSettings.DEFAULT_CONNECT.toSeconds();

    @Option(names = "--llm-first-token-timeout", paramLabel = "SECONDS",
            description = "Seconds to wait for the first token, model loading included (default: ${DEFAULT-VALUE}).")
    long firstTokenTimeoutSeconds = LlmClientSettings.DEFAULT_FIRST_TOKEN.toSeconds();

    @Option(names = "--llm-idle-timeout", paramLabel = "SECONDS",
            description = "Seconds of silence between two chunks before a call counts as stalled "
                    + "(default: ${DEFAULT-VALUE}).")
    long idleTimeoutSeconds = LlmClientSettings.DEFAULT_IDLE.toSeconds();

    @Option(names = "--llm-total-timeout", paramLabel = "SECONDS",
            description = "Seconds one call may take in all (default: ${DEFAULT-VALUE}).")
    long totalTimeoutSeconds = LlmClientSettings.DEFAULT_TOTAL.toSeconds();

    @Option(names = "--llm-probe-interval", paramLabel = "SECONDS",
            description = "Seconds between health and model-presence probes of each worker (default: "
                    + "${DEFAULT-VALUE}).")
    long probeIntervalSeconds = PoolSettings.DEFAULT_PROBE_INTERVAL.toSeconds();

    @Option(names = "--llm-retry-max", paramLabel = "SECONDS",
            description = "When no worker answers, the report is written with the narrative pending and the analysis "
                    + "retried after a few seconds, doubling up to this (default: ${DEFAULT-VALUE}), or as soon as a "
                    + "worker is back.")
    long retryMaxSeconds = AnalysisServiceSettings.DEFAULT_RETRY_MAX.toSeconds();

    public List<String> urls() {
        if (!urls.isEmpty()) {
            return List.copyOf(urls);
        }
        return List.of(fromOllamaHost(System.getenv("OLLAMA_HOST")));
    }

    public String model() {
        return model;
    }

    public LlmApi api() {
        try {
            return LlmApi.valueOf(api.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--llm-api must be ollama or openai, not '" + api + "'", e);
        }
    }

    /** Everything the analysis service needs to know about its workers. */
    public ServiceFactory.LlmTarget target() {
        if (concurrency < 1 || queue < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("--llm-concurrency and --llm-max-attempts must be at least 1, "
                    + "--llm-queue at least 0");
        }
        GenerationOptions options = new GenerationOptions(numCtx, numGpu, temperature, topP, topK, repeatPenalty,
                numPredict, seed);
        LlmClientSettings client = new LlmClientSettings(Duration.ofSeconds(connectTimeoutSeconds),
                Duration.ofSeconds(firstTokenTimeoutSeconds), Duration.ofSeconds(idleTimeoutSeconds),
                Duration.ofSeconds(totalTimeoutSeconds));
        PoolSettings pool = PoolSettings.defaults()
                .withConcurrencyPerEndpoint(concurrency)
                .withQueueCapacity(queue)
                .withMaxAttempts(maxAttempts)
                .withProbeInterval(Duration.ofSeconds(probeIntervalSeconds));
        Duration retryMax = Duration.ofSeconds(retryMaxSeconds);
        Duration retryInitial = retryMax.compareTo(AnalysisServiceSettings.DEFAULT_RETRY_INITIAL) < 0 ? retryMax
                : AnalysisServiceSettings.DEFAULT_RETRY_INITIAL;
        AnalysisServiceSettings pacing = AnalysisServiceSettings.defaults()
                .withRetry(retryInitial, retryMax)
                .withMaxHeldRequests(Math.max(1, queue));
        return new ServiceFactory.LlmTarget(api(), urls(), model, options, blankToNull(keepAlive), persona, client,
                pool, pacing);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * OLLAMA_HOST is what the Ollama CLI reads; it may be {@code host:port}, a bare host, a URL, or a
     * bind address such as {@code 0.0.0.0:11434}, which a client must turn into a reachable URL. As
     * in Ollama, a bare host gets port 11434, while a URL with a scheme keeps the scheme's default
     * port (80 or 443).
     */
    static String fromOllamaHost(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_OLLAMA;
        }
        String url = value.strip();
        boolean explicitScheme = url.contains("://");
        if (!explicitScheme) {
            url = "http://" + url;
        }
        url = url.replace("://0.0.0.0", "://127.0.0.1").replaceAll("/+$", "");
        int hostStart = url.indexOf("://") + 3;
        int pathStart = url.indexOf('/', hostStart);
        String hostPort = pathStart < 0 ? url.substring(hostStart) : url.substring(hostStart, pathStart);
        boolean hasPort = hostPort.startsWith("[") ? hostPort.contains("]:") : hostPort.contains(":");
        if (!explicitScheme && !hasPort) {
            int insertAt = hostStart + hostPort.length();
            url = url.substring(0, insertAt) + ":" + OLLAMA_PORT + url.substring(insertAt);
        }
        return url;
    }
}
