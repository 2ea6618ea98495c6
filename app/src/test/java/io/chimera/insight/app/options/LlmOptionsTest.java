package io.chimera.insight.app.options;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.analysis.llm.LlmApi;
import io.chimera.insight.app.wiring.ServiceFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The --llm* flags become the analysis service's target: workers, options, timeouts, pool and pacing. */
class LlmOptionsTest {

    @Test
    void everyWorkerUrlAndEveryOptionReachesTheTarget() {
        ServiceFactory.LlmTarget target = parse("--llm", "http://gpu-1:11434", "--llm", "http://gpu-2:11434/",
                "--llm-api", "openai", "--llm-model", "qwen2.5:7b", "--llm-num-ctx", "2048", "--llm-temperature", "0.1",
                "--llm-num-gpu", "99", "--llm-top-p", "0.9", "--llm-top-k", "40", "--llm-repeat-penalty", "1.1",
                "--llm-num-predict", "600", "--llm-seed", "7", "--llm-keep-alive", "10m",
                "--llm-concurrency", "2", "--llm-queue", "8", "--llm-max-attempts", "4",
                "--llm-connect-timeout", "3", "--llm-first-token-timeout", "60", "--llm-idle-timeout", "20",
                "--llm-total-timeout", "200", "--llm-probe-interval", "5", "--llm-retry-max", "120");

        assertThat(target.urls()).containsExactly("http://gpu-1:11434", "http://gpu-2:11434/");
        assertThat(target.api()).isEqualTo(LlmApi.OPENAI);
        assertThat(target.model()).isEqualTo("qwen2.5:7b");
        assertThat(target.options().asMap()).isEqualTo(Map.of("num_ctx", 2048, "temperature", 0.1, "num_gpu", 99,
                "top_p", 0.9, "top_k", 40, "repeat_penalty", 1.1, "num_predict", 600, "seed", 7L));
        assertThat(target.keepAlive()).isEqualTo("10m");
        assertThat(target.client().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(target.client().firstTokenTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(target.client().idleTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(target.client().totalTimeout()).isEqualTo(Duration.ofSeconds(200));
        assertThat(target.pool().concurrencyPerEndpoint()).isEqualTo(2);
        assertThat(target.pool().queueCapacity()).isEqualTo(8);
        assertThat(target.pool().maxAttempts()).isEqualTo(4);
        assertThat(target.pool().probeInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(target.pacing().retryMax()).isEqualTo(Duration.ofSeconds(120));
        assertThat(target.pacing().maxHeldRequests()).isEqualTo(8);
    }

    @Test
    void unsetOptionsAreLeftToTheWorker() {
        ServiceFactory.LlmTarget target = parse("--llm", "http://gpu-1:11434");

        assertThat(target.api()).isEqualTo(LlmApi.OLLAMA);
        assertThat(target.urls()).isEqualTo(List.of("http://gpu-1:11434"));
        assertThat(target.pool().concurrencyPerEndpoint()).isEqualTo(1);
        assertThat(target.keepAlive()).isNull();
        assertThat(target.persona()).isNull();
        if (System.getenv("CHIMERA_LLM_NUM_GPU") == null && System.getenv("CHIMERA_LLM_SEED") == null) {
            assertThat(target.options().numGpu()).isNull();
            assertThat(target.options().seed()).isNull();
        }
    }

    @Test
    void ollamaHostBecomesAReachableUrl() {
        assertThat(LlmOptions.fromOllamaHost(null)).isEqualTo(LlmOptions.DEFAULT_OLLAMA);
        assertThat(LlmOptions.fromOllamaHost("0.0.0.0:11434")).isEqualTo("http://127.0.0.1:11434");
        assertThat(LlmOptions.fromOllamaHost("gpu-box")).isEqualTo("http://gpu-box:11434");
        assertThat(LlmOptions.fromOllamaHost("https://ollama.example.com/")).isEqualTo("https://ollama.example.com");
        assertThat(LlmOptions.fromOllamaHost("http://gpu-box:8080")).isEqualTo("http://gpu-box:8080");
        assertThat(LlmOptions.fromOllamaHost("[::1]")).isEqualTo("http://[::1]:11434");
    }

    private static ServiceFactory.LlmTarget parse(String... args) {
        return CommandLine.populateCommand(new LlmOptions(), args).target();
    }
}
