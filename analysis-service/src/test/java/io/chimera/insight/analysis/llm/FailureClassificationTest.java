package io.chimera.insight.analysis.llm;

import io.chimera.insight.events.LlmFailureKind;
import io.chimera.insight.localstack.worker.FailureMode;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each way a worker fails, against the simulator's real HTTP server: classified, with the worker's own words. */
class FailureClassificationTest {

    private static final String MODEL = SimulatorSettings.DEFAULT_MODEL;
    private static final LlmRequest REQUEST = LlmRequest.of(MODEL, "", "Summarise.");

    private OllamaSimulator ollama;

    @BeforeEach
    void startSimulator() {
        ollama = new OllamaSimulator(new SimulatorSettings().respondWith("abcd".repeat(20)))
                .start();
    }

    @AfterEach
    void stopSimulator() {
        ollama.close();
    }

    @Test
    void aServerErrorCarriesTheStatusAndTheWorkersErrorText() {
        ollama.settings().errorMessage("CUDA error: out of memory");
        ollama.failures().failNext(FailureMode.HTTP_500, 1);

        LlmException failure = failedCall(client());

        assertThat(failure.kind()).isEqualTo(LlmFailureKind.SERVER_ERROR);
        assertThat(failure.workerSaid()).hasValue("HTTP 500: CUDA error: out of memory");
    }

    @Test
    void anHtmlErrorPageIsAServerErrorQuotingItsFirstBytesWithControlCharactersEscaped() {
        ollama.failures().failNext(FailureMode.HTML_ERROR, 1);

        LlmException failure = failedCall(client());

        assertThat(failure.kind()).isEqualTo(LlmFailureKind.SERVER_ERROR);
        assertThat(failure.workerSaid()).hasValueSatisfying(said -> assertThat(said)
                .startsWith("HTTP 502: <html>\\n<head><title>502 Bad Gateway</title>")
                .doesNotContain("\n"));
    }

    @Test
    void anErrorLineMidStreamIsAStreamErrorWithItsText() {
        ollama.settings().errorMessage("CUDA error: out of memory");
        ollama.failures().failNext(FailureMode.ERROR_MID_STREAM, 1);

        LlmException failure = failedCall(client());

        assertThat(failure.kind()).isEqualTo(LlmFailureKind.STREAM_ERROR);
        assertThat(failure.workerSaid()).hasValue("CUDA error: out of memory");
    }

    @Test
    void aMalformedLineIsUnparseableQuotingTheLineEscaped() {
        ollama.failures().failNext(FailureMode.MALFORMED_LINE, 1);

        LlmException failure = failedCall(client());

        assertThat(failure.kind()).isEqualTo(LlmFailureKind.UNPARSEABLE);
        assertThat(failure.workerSaid()).hasValue("<!-- upstream worker crashed -->\\u0007 not json");
    }

    @Test
    void aConnectionClosedBeforeAnAnswerIsAStreamError() {
        ollama.failures().failNext(FailureMode.CONNECTION_RESET, 10); // OkHttp may try a fresh connection once

        LlmException failure = failedCall(client());

        assertThat(failure.kind()).isEqualTo(LlmFailureKind.STREAM_ERROR);
        assertThat(failure.workerSaid()).hasValueSatisfying(said -> assertThat(said).isNotBlank());
    }

    @Test
    void aStreamThatGoesSilentIsStalled() {
        ollama.settings().stallMs(10_000);
        ollama.failures().failNext(FailureMode.STALL, 1);

        LlmException failure = failedCall(new OllamaChatClient(ollama.baseUrl(),
                LlmClientSettings.defaults().withIdleTimeout(Duration.ofMillis(300))));

        assertThat(failure.kind()).isEqualTo(LlmFailureKind.STALLED);
        assertThat(failure.workerSaid()).hasValueSatisfying(said -> assertThat(said).contains("no chunk for 300 ms"));
    }

    @Test
    void aMissingModelIsModelMissingWithTheServersWords() {
        LlmException failure = failedCall(client(), LlmRequest.of("absent:latest", "", "Summarise."));

        assertThat(failure.kind()).isEqualTo(LlmFailureKind.MODEL_MISSING);
        assertThat(failure.workerSaid()).hasValue("model 'absent:latest' not found, try pulling it first");
    }

    @Test
    void aPortNobodyListensOnIsUnreachable() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }

        LlmException failure = failedCall(new OllamaChatClient("http://127.0.0.1:" + freePort));

        assertThat(failure.kind()).isEqualTo(LlmFailureKind.UNREACHABLE);
        assertThat(failure).isInstanceOf(LlmUnavailableException.class);
        assertThat(((LlmUnavailableException) failure).unreachable()).isTrue();
    }

    @Test
    void theWorkersWordsAreCutToAboutTwoHundredCharacters() {
        ollama.settings().errorMessage("x".repeat(1000));
        ollama.failures().failNext(FailureMode.HTTP_500, 1);

        LlmException failure = failedCall(client());

        assertThat(failure.workerSaid()).hasValueSatisfying(said -> assertThat(said).hasSize(201).endsWith("x…"));
    }

    private OllamaChatClient client() {
        return new OllamaChatClient(ollama.baseUrl());
    }

    private static LlmException failedCall(OllamaChatClient client) {
        return failedCall(client, REQUEST);
    }

    private static LlmException failedCall(OllamaChatClient client, LlmRequest request) {
        return catchThrowableOfType(LlmException.class, () -> client.chat(request));
    }
}
