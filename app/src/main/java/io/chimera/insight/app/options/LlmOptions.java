package io.chimera.insight.app.options;

import io.chimera.insight.analysis.llm.LlmApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Which GPU worker(s) to ask for narratives. */
public final class LlmOptions {

    /** Ollama's own default address. */
    public static final String DEFAULT_OLLAMA = "http://localhost:11434";

    @Option(names = "--llm", paramLabel = "URL",
            description = "Base URL of a GPU worker (Ollama, or an OpenAI-compatible server with --llm-api openai); "
                    + "repeatable. Default: $OLLAMA_HOST, else " + DEFAULT_OLLAMA + ".")
    List<String> urls = new ArrayList<>();

    @Option(names = "--llm-model", paramLabel = "NAME", defaultValue = "${env:CHIMERA_LLM_MODEL:-gemma3:latest}",
            description = "Model the worker runs for narratives (default: ${DEFAULT-VALUE}). Env: CHIMERA_LLM_MODEL.")
    String model;

    @Option(names = "--llm-api", paramLabel = "ollama|openai", defaultValue = "ollama",
            description = "Protocol of the worker: ollama (/api/chat, NDJSON) or openai (/v1/chat/completions, SSE). "
                    + "Default: ${DEFAULT-VALUE}.")
    String api;

    @Option(names = "--llm-num-ctx", paramLabel = "TOKENS", defaultValue = "8192",
            description = "Context window requested from the worker (num_ctx); the prompt is fitted into it "
                    + "(default: ${DEFAULT-VALUE}).")
    int numCtx;

    @Option(names = "--llm-temperature", paramLabel = "T", defaultValue = "0.2",
            description = "Sampling temperature (default: ${DEFAULT-VALUE}); low, because a report should not be creative.")
    double temperature;

    @Option(names = "--llm-connect-timeout", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds to wait for a worker to accept the connection (default: ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

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

    public int numCtx() {
        return numCtx;
    }

    public double temperature() {
        return temperature;
    }

    public int connectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    /**
     * OLLAMA_HOST is what the Ollama CLI reads; it may be {@code host:port}, a bare host, or a bind
     * address such as {@code 0.0.0.0:11434}, which a client must turn into a reachable URL.
     */
    static String fromOllamaHost(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_OLLAMA;
        }
        String url = value.strip();
        if (!url.contains("://")) {
            url = "http://" + url;
        }
        url = url.replace("://0.0.0.0", "://127.0.0.1");
        String afterScheme = url.substring(url.indexOf("://") + 3);
        if (!afterScheme.contains(":") && !afterScheme.contains("]")) {
            url = url.replaceAll("/+$", "") + ":11434";
        }
        return url.replaceAll("/+$", "");
    }
}
