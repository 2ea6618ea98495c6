package io.chimera.insight.analysis.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.insight.analysis.prompt.NarrativeSchema;
import io.chimera.insight.localstack.worker.FailureMode;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.chimera.insight.analysis.llm.OllamaChatClientTest.FORTY_TOKENS;
import static io.chimera.insight.analysis.llm.OllamaChatClientTest.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** Against the simulator's OpenAI-compatible endpoint (server-sent events). */
class OpenAiChatClientTest {

    private OllamaSimulator server;

    @BeforeEach
    void startSimulator() {
        server = new OllamaSimulator(new SimulatorSettings().respondWith(FORTY_TOKENS)).start();
    }

    @AfterEach
    void stopSimulator() {
        server.close();
    }

    @Test
    void readsTheEventStreamWithUsageAndDerivesThroughputAtTheClient() {
        server.settings().ttftMs(300).tokensPerS(200);

        LlmResponse response = new OpenAiChatClient(server.baseUrl()).chat(LlmRequest.of(MODEL, "sys", "user"));

        assertThat(response.content()).isEqualTo(FORTY_TOKENS);
        assertThat(response.ttftMs()).isGreaterThanOrEqualTo(300.0).isLessThan(response.wallMs());
        assertThat(response.evalCount()).isEqualTo(40L);
        assertThat(response.promptEvalCount()).isEqualTo(("sys\nuser".length() + 3) / 4L);
        assertThat(response.totalDurationMs()).isNull();
        assertThat(response.loadDurationMs()).isNull();
        assertThat(response.promptEvalDurationMs()).isNull();
        assertThat(response.evalDurationMs()).isNull();
        // The generation phase as the client saw it (wall - ttft), not the pace the simulator was set to:
        // how close the two come depends on the machine's load, which a unit test does not assert.
        assertThat(response.tokensPerS()).isPositive()
                .isCloseTo(40 / ((response.wallMs() - response.ttftMs()) / 1000.0), within(1e-9));
        assertThat(response.doneReason()).isEqualTo("stop");
        assertThat(response.api()).isEqualTo(LlmApi.OPENAI);
        assertThat(response.llmModel()).isEqualTo(MODEL);
        assertThat(response.endpoint()).isEqualTo(server.baseUrl());
    }

    @Test
    void asksForUsageAndStructuredOutputAndMapsTheOptionsOpenAiKnows() {
        LlmRequest request = new LlmRequest(MODEL, "sys", "user", NarrativeSchema.schema(),
                Map.of(LlmOptions.TEMPERATURE, 0.2, LlmOptions.NUM_PREDICT, 800, LlmOptions.NUM_CTX, 8192,
                        LlmOptions.TOP_K, 40), "5m");

        new OpenAiChatClient(server.baseUrl()).chat(request);

        JsonNode body = server.lastRequest().body();
        assertThat(server.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_schema");
        assertThat(body.path("response_format").path("json_schema").path("schema")).isEqualTo(NarrativeSchema.schema());
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(800);
        assertThat(body.has("num_ctx")).isFalse();
        assertThat(body.has("top_k")).isFalse();
        assertThat(body.has("options")).isFalse();
        assertThat(body.has("keep_alive")).isFalse();
    }

    @Test
    void structuredOutputCanBeSwitchedOffForServersThatRejectIt() {
        LlmRequest request = LlmRequest.of(MODEL, "sys", "user").withFormat(NarrativeSchema.schema());

        new OpenAiChatClient(server.baseUrl(), LlmClientSettings.defaults(), okhttp3Client(), false).chat(request);

        assertThat(server.lastRequest().body().has("response_format")).isFalse();
    }

    @Test
    void anErrorEventMidStreamFailsTheCall() {
        server.failures().failNext(FailureMode.ERROR_MID_STREAM, 1);

        LlmCallFailedException failure = catchThrowableOfType(LlmCallFailedException.class,
                () -> new OpenAiChatClient(server.baseUrl()).chat(LlmRequest.of(MODEL, "", "hi")));

        assertThat(failure.getMessage()).contains(server.baseUrl(), "llama runner process has terminated");
        assertThat(failure.httpStatus()).hasValue(200);
    }

    @Test
    void anUnknownModelIsNamed() {
        LlmModelNotFoundException failure = catchThrowableOfType(LlmModelNotFoundException.class,
                () -> new OpenAiChatClient(server.baseUrl()).chat(LlmRequest.of("qwen9:7b", "", "hi")));

        assertThat(failure.model()).isEqualTo("qwen9:7b");
        assertThat(failure.getMessage()).contains("'qwen9:7b'", server.baseUrl());
    }

    @Test
    void throttlingIsARetryableFailure() {
        server.failures().failNext(FailureMode.HTTP_429, 1);

        assertThatThrownBy(() -> new OpenAiChatClient(server.baseUrl()).chat(LlmRequest.of(MODEL, "", "hi")))
                .isInstanceOfSatisfying(LlmCallFailedException.class, failure -> {
                    assertThat(failure.httpStatus()).hasValue(429);
                    assertThat(failure.retryable()).isTrue();
                });
    }

    @Test
    void listsTheModelsTheServerServes() {
        server.settings().models("gemma3:latest", "llama3.2:3b");

        assertThat(new OpenAiChatClient(server.baseUrl()).listModels(Duration.ofSeconds(2)))
                .containsExactly("gemma3:latest", "llama3.2:3b");
        assertThat(server.lastRequest().path()).isEqualTo("/v1/models");
    }

    private static okhttp3.OkHttpClient okhttp3Client() {
        return new okhttp3.OkHttpClient();
    }
}
