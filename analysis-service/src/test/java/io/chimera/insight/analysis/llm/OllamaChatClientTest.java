package io.chimera.insight.analysis.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimera.insight.analysis.prompt.NarrativeSchema;
import io.chimera.insight.events.LlmCall;
import io.chimera.insight.localstack.worker.FailureMode;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** Against the real HTTP simulator of an Ollama worker (NDJSON over chunked HTTP). */
class OllamaChatClientTest {

    /** 40 tokens: the simulator sends one chunk per "leading whitespace + up to four characters". */
    static final String FORTY_TOKENS = "abcd" + " abcd".repeat(39);
    static final String MODEL = SimulatorSettings.DEFAULT_MODEL;

    private OllamaSimulator ollama;

    @BeforeEach
    void startSimulator() {
        ollama = new OllamaSimulator(new SimulatorSettings().respondWith(FORTY_TOKENS)).start();
    }

    @AfterEach
    void stopSimulator() {
        ollama.close();
    }

    @Test
    void measuresTtftAtTheClientAndTakesDurationsFromTheFinalChunk() {
        ollama.settings().ttftMs(300).loadDurationMs(100).tokensPerS(200);
        LlmRequest request = LlmRequest.of(MODEL, "You are terse.", "Summarise.");

        LlmResponse response = new OllamaChatClient(ollama.baseUrl()).chat(request);

        assertThat(response.content()).isEqualTo(FORTY_TOKENS);
        assertThat(response.ttftMs()).isGreaterThanOrEqualTo(300.0).isLessThan(response.wallMs());
        assertThat(response.evalCount()).isEqualTo(40L);
        // the simulator counts prompt tokens as (characters of all messages joined by '\n' + 3) / 4
        assertThat(response.promptEvalCount()).isEqualTo(("You are terse.\nSummarise.".length() + 3) / 4L);
        assertThat(response.loadDurationMs()).isEqualTo(100.0);
        assertThat(response.promptEvalDurationMs()).isGreaterThanOrEqualTo(200.0);
        assertThat(response.evalDurationMs()).isGreaterThanOrEqualTo(200.0);
        assertThat(response.totalDurationMs()).isGreaterThanOrEqualTo(500.0)
                .isCloseTo(response.loadDurationMs() + response.promptEvalDurationMs() + response.evalDurationMs(),
                        within(1.0));
        // From the final chunk's eval_duration. The simulator's token deadlines are fixed from the eval
        // phase's start, so its eval_duration is at least 40 tokens at 200/s whatever the load: at most 200/s.
        assertThat(response.tokensPerS()).isLessThanOrEqualTo(200.0)
                .isCloseTo(response.evalCount() / (response.evalDurationMs() / 1000.0), within(1e-9));
        assertThat(response.wallMs()).isGreaterThanOrEqualTo(response.totalDurationMs() - 1.0);
        assertThat(response.doneReason()).isEqualTo("stop");
        assertThat(response.llmModel()).isEqualTo(MODEL);
        assertThat(response.api()).isEqualTo(LlmApi.OLLAMA);
        assertThat(response.endpoint()).isEqualTo(ollama.baseUrl());
    }

    @Test
    void sendsAStreamingChatWithSchemaOptionsAndKeepAlive() {
        LlmRequest request = new LlmRequest(MODEL, "system text", "user text", NarrativeSchema.schema(),
                Map.of(LlmOptions.NUM_CTX, 2048, LlmOptions.TEMPERATURE, 0.2, LlmOptions.SEED, 42), "5m");

        new OllamaChatClient(ollama.baseUrl()).chat(request);

        JsonNode body = ollama.lastRequest().body();
        assertThat(ollama.lastRequest().path()).isEqualTo("/api/chat");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("model").asText()).isEqualTo(MODEL);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("system text");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("user text");
        assertThat(body.path("format")).isEqualTo(NarrativeSchema.schema());
        assertThat(body.path("options").path("num_ctx").asInt()).isEqualTo(2048);
        assertThat(body.path("options").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("options").path("seed").asInt()).isEqualTo(42);
        assertThat(body.path("keep_alive").asText()).isEqualTo("5m");
    }

    @Test
    void anErrorLineMidStreamFailsTheCall() {
        ollama.failures().failNext(FailureMode.ERROR_MID_STREAM, 1);

        LlmCallFailedException failure = catchThrowableOfType(LlmCallFailedException.class,
                () -> new OllamaChatClient(ollama.baseUrl()).chat(LlmRequest.of(MODEL, "", "hi")));

        assertThat(failure.getMessage()).contains(ollama.baseUrl(), "mid-stream",
                "llama runner process has terminated");
        assertThat(failure.httpStatus()).hasValue(200);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.endpoint()).isEqualTo(ollama.baseUrl());
    }

    @Test
    void aDroppedConnectionFailsTheCall() {
        ollama.failures().failNext(FailureMode.DROP_CONNECTION, 1);

        assertThatThrownBy(() -> new OllamaChatClient(ollama.baseUrl()).chat(LlmRequest.of(MODEL, "", "hi")))
                .isInstanceOf(LlmCallFailedException.class)
                .hasMessageContaining(ollama.baseUrl())
                .hasMessageContaining("broke off");
    }

    @Test
    void anHttpErrorStatusFailsTheCallWithTheStatusAndServerMessage() {
        ollama.failures().failNext(FailureMode.HTTP_500, 1);

        LlmCallFailedException failure = catchThrowableOfType(LlmCallFailedException.class,
                () -> new OllamaChatClient(ollama.baseUrl()).chat(LlmRequest.of(MODEL, "", "hi")));

        assertThat(failure.httpStatus()).hasValue(500);
        assertThat(failure.getMessage()).contains("HTTP 500", ollama.baseUrl(), "llama runner process has terminated");
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void anUnknownModelNamesTheModelAndHowToPullIt() {
        LlmModelNotFoundException failure = catchThrowableOfType(LlmModelNotFoundException.class,
                () -> new OllamaChatClient(ollama.baseUrl()).chat(LlmRequest.of("qwen9:7b", "", "hi")));

        assertThat(failure.model()).isEqualTo("qwen9:7b");
        assertThat(failure.getMessage()).contains("'qwen9:7b'", "ollama pull qwen9:7b", ollama.baseUrl());
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void nothingListeningIsUnavailable() {
        String url = ollama.baseUrl();
        ollama.pause();

        LlmUnavailableException failure = catchThrowableOfType(LlmUnavailableException.class,
                () -> new OllamaChatClient(url).chat(LlmRequest.of(MODEL, "", "hi")));

        assertThat(failure.getMessage()).contains("no worker at " + url);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.endpoint()).isEqualTo(url);
    }

    @Test
    void aLateFirstTokenTimesOutAsUnavailable() {
        ollama.settings().ttftMs(3_000);
        LlmClientSettings settings = LlmClientSettings.defaults().withFirstTokenTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> new OllamaChatClient(ollama.baseUrl(), settings).chat(LlmRequest.of(MODEL, "", "hi")))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessageContaining("no first token from " + ollama.baseUrl());
    }

    @Test
    void aStallBetweenChunksTimesOutAsUnavailable() {
        ollama.settings().ttftMs(0).tokensPerS(2);
        LlmClientSettings settings = LlmClientSettings.defaults().withIdleTimeout(Duration.ofMillis(200));

        assertThatThrownBy(() -> new OllamaChatClient(ollama.baseUrl(), settings).chat(LlmRequest.of(MODEL, "", "hi")))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessageContaining("stalled");
    }

    @Test
    void aCallOverTheTotalTimeoutIsUnavailable() {
        ollama.settings().ttftMs(0).tokensPerS(20);
        LlmClientSettings settings = LlmClientSettings.defaults().withTotalTimeout(Duration.ofMillis(400));

        assertThatThrownBy(() -> new OllamaChatClient(ollama.baseUrl(), settings).chat(LlmRequest.of(MODEL, "", "hi")))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessageContaining("total timeout");
    }

    @Test
    void responseBecomesTheLlmCallEvent() {
        LlmResponse response = new OllamaChatClient(ollama.baseUrl() + "/").chat(LlmRequest.of(MODEL, "", "hi"));

        LlmCall call = response.toCall(12.5, 2);

        assertThat(call.getEndpoint()).isEqualTo(ollama.baseUrl());
        assertThat(call.getApi()).isEqualTo("ollama");
        assertThat(call.getEvalCount()).isEqualTo(40L);
        assertThat(call.getTtftMs()).isEqualTo(response.ttftMs());
        assertThat(call.getTokensPerS()).isEqualTo(response.tokensPerS());
        assertThat(call.getQueueWaitMs()).isEqualTo(12.5);
        assertThat(call.getAttempts()).isEqualTo(2);
        assertThat(call.getDoneReason()).isEqualTo("stop");
    }

    @Test
    void sendsEveryGenerationOptionUnderOllamasNames() {
        GenerationOptions options = new GenerationOptions(2048, 99, 0.3, 0.9, 40, 1.1, 512, 7L);

        new OllamaChatClient(ollama.baseUrl()).chat(LlmRequest.of(MODEL, "", "hi").withOptions(options.asMap()));

        JsonNode sent = ollama.lastRequest().options();
        assertThat(sent.path("num_ctx").asInt()).isEqualTo(2048);
        assertThat(sent.path("num_gpu").asInt()).isEqualTo(99);
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(sent.path("top_k").asInt()).isEqualTo(40);
        assertThat(sent.path("repeat_penalty").asDouble()).isEqualTo(1.1);
        assertThat(sent.path("num_predict").asInt()).isEqualTo(512);
        assertThat(sent.path("seed").asLong()).isEqualTo(7L);
        assertThat(sent.size()).isEqualTo(8);
    }

    @Test
    void unsetOptionsAreLeftToTheWorker() {
        new OllamaChatClient(ollama.baseUrl()).chat(LlmRequest.of(MODEL, "", "hi")
                .withOptions(new GenerationOptions(4096, null, null, null, null, null, null, null).asMap()));

        assertThat(ollama.lastRequest().options().size()).isEqualTo(1);
        assertThat(ollama.lastRequest().body().has("keep_alive")).isFalse();
    }

    @Test
    void throttlingCarriesTheRetryAfterTheServerAskedFor() {
        ollama.settings().retryAfterSeconds(3);
        ollama.failures().failNext(FailureMode.HTTP_429, 1);

        LlmCallFailedException failure = catchThrowableOfType(LlmCallFailedException.class,
                () -> new OllamaChatClient(ollama.baseUrl()).chat(LlmRequest.of(MODEL, "", "hi")));

        assertThat(failure.httpStatus()).hasValue(429);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void listsTheModelsTheWorkerServes() {
        ollama.settings().models("gemma3:latest", "qwen2.5:7b");

        assertThat(new OllamaChatClient(ollama.baseUrl()).listModels(Duration.ofSeconds(2)))
                .containsExactly("gemma3:latest", "qwen2.5:7b");
        assertThat(ollama.lastRequest().path()).isEqualTo("/api/tags");
    }

    @Test
    void aRefusedConnectionIsUnreachableButASlowWorkerIsNot() {
        ollama.settings().ttftMs(2_000);
        LlmClientSettings settings = LlmClientSettings.defaults().withFirstTokenTimeout(Duration.ofMillis(200));
        LlmUnavailableException slow = catchThrowableOfType(LlmUnavailableException.class,
                () -> new OllamaChatClient(ollama.baseUrl(), settings).chat(LlmRequest.of(MODEL, "", "hi")));
        String url = ollama.baseUrl();
        ollama.pause();

        LlmUnavailableException refused = catchThrowableOfType(LlmUnavailableException.class,
                () -> new OllamaChatClient(url).chat(LlmRequest.of(MODEL, "", "hi")));
        LlmUnavailableException probe = catchThrowableOfType(LlmUnavailableException.class,
                () -> new OllamaChatClient(url).listModels(Duration.ofSeconds(1)));

        assertThat(slow.unreachable()).isFalse();
        assertThat(refused.unreachable()).isTrue();
        assertThat(probe.unreachable()).isTrue();
        assertThat(probe.getMessage()).contains("no worker at " + url + "/api/tags");
    }
}
