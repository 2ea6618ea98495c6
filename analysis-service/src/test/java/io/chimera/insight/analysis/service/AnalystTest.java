package io.chimera.insight.analysis.service;

import io.chimera.insight.analysis.llm.GenerationOptions;
import io.chimera.insight.analysis.llm.LlmApi;
import io.chimera.insight.analysis.llm.LlmClientSettings;
import io.chimera.insight.analysis.llm.pool.PoolSettings;
import io.chimera.insight.analysis.llm.pool.WorkerPool;
import io.chimera.insight.analysis.prompt.NarrativeSchema;
import io.chimera.insight.analysis.prompt.PromptBuilder;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.AnalysisStatus;
import io.chimera.insight.events.LlmFailureKind;
import io.chimera.insight.events.UnverifiedNumber;
import io.chimera.insight.localstack.worker.FailureMode;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.RecordedRequest;
import io.chimera.insight.localstack.worker.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One request, one result, against the simulator through a one-worker pool. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnalystTest {

    private static final String MODEL = "gemma3:270m";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:07Z");
    private static final PoolSettings FAST = PoolSettings.defaults()
            .withBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
            .withProbeInterval(Duration.ofMinutes(10));
    private static final GenerationOptions OPTIONS = new GenerationOptions(4096, 99, 0.2, null, null, null, null, 42L);

    private final OllamaSimulator worker = new OllamaSimulator(new SimulatorSettings().ttftMs(30)).start();
    private Analyst analyst;

    @AfterEach
    void close() {
        if (analyst != null) {
            analyst.close();
        }
        worker.close();
    }

    @Test
    void aWorkersAnswerBecomesAVerifiedNarrativeWithTheCallsFigures() {
        analyst = analyst();
        AnalysisRequest request = AnalysisFixtures.request("req-1", MODEL, 12);
        PreparedAnalysis prepared = analyst.prepare(request);

        AnalysisResult result = analyst.analyse(prepared, 0).join().result();

        assertThat(result.getStatus()).isEqualTo(AnalysisStatus.OK);
        assertThat(result.getRequestId()).isEqualTo("req-1");
        assertThat(result.getModel()).isEqualTo(MODEL);
        assertThat(result.getMetrics()).isEqualTo(request.getMetrics());
        assertThat(result.getNarrative().getSummary()).startsWith("The model delivered steady throughput");
        assertThat(result.getVerification().getChecked()).isZero(); // the default answer has no digits
        assertThat(result.getCall().getEndpoint()).isEqualTo(worker.baseUrl());
        assertThat(result.getCall().getAttempts()).isEqualTo(1);
        assertThat(result.getCall().getTtftMs()).isGreaterThanOrEqualTo(30.0);
        assertThat(result.getCall().getQueueWaitMs()).isGreaterThanOrEqualTo(0.0);
        assertThat(result.getCompletedAt()).isEqualTo(NOW);
        assertThat(result.getPromptTokens()).isEqualTo(prepared.prompt().estimatedTokens());
        assertThat(result.getOldestPendingIngestAt()).isEqualTo(request.getOldestPendingIngestAt());

        RecordedRequest sent = worker.lastRequest();
        assertThat(sent.promptText()).isEqualTo(prepared.prompt().system() + "\n" + prepared.prompt().user());
        assertThat(sent.format()).isEqualTo(NarrativeSchema.schema());
        assertThat(sent.options().path("num_ctx").asInt()).isEqualTo(4096);
        assertThat(sent.options().path("num_gpu").asInt()).isEqualTo(99);
        assertThat(sent.options().path("seed").asLong()).isEqualTo(42L);
        assertThat(sent.options().has("top_p")).isFalse();
        assertThat(sent.body().path("keep_alive").asText()).isEqualTo("10m");
    }

    @Test
    void anInventedNumberIsFlaggedWithItsSentence() {
        worker.settings().respondWith("""
                {"summary":"Throughput averaged 85.2 tokens/s. It peaked at 999 tokens/s.",
                 "findings":[],"recommendations":[],"risks":[]}""");
        analyst = analyst();

        AnalysisResult result = analyst.analyse(AnalysisFixtures.request("req-2", MODEL, 12));

        assertThat(result.getStatus()).isEqualTo(AnalysisStatus.OK);
        assertThat(result.getVerification().getChecked()).isEqualTo(2);
        assertThat(result.getVerification().getVerified()).isEqualTo(1);
        assertThat(result.getVerification().getUnverified())
                .containsExactly(new UnverifiedNumber("999", "It peaked at 999 tokens/s."));
    }

    @Test
    void noWorkerMeansTheFactsGoOutWithTheNarrativePending() {
        worker.pause();
        analyst = analyst();

        AnalysisOutcome outcome = analyst.analyse(analyst.prepare(AnalysisFixtures.request("req-3", MODEL, 12)), 0)
                .join();

        assertThat(outcome.workerUnavailable()).isTrue();
        AnalysisResult result = outcome.result();
        assertThat(result.getStatus()).isEqualTo(AnalysisStatus.LLM_UNAVAILABLE);
        assertThat(result.getError()).contains(worker.baseUrl());
        assertThat(result.getMetrics().getRuns()).isEqualTo(12);
        assertThat(result.getNarrative()).isNull();
        assertThat(result.getCall()).isNull();
    }

    @Test
    void aWorkerThatKeepsFailingLeavesTheNarrativePendingWithItsOwnWords() {
        worker.settings().errorMessage("CUDA error: out of memory");
        worker.failures().failNext(FailureMode.HTTP_500, 100);
        analyst = analyst();

        AnalysisOutcome outcome = analyst.analyse(analyst.prepare(AnalysisFixtures.request("req-5", MODEL, 12)), 0)
                .join();

        assertThat(outcome.workerUnavailable()).isTrue();
        AnalysisResult result = outcome.result();
        assertThat(result.getStatus()).isEqualTo(AnalysisStatus.LLM_UNAVAILABLE);
        assertThat(result.getFailureKind()).isEqualTo(LlmFailureKind.SERVER_ERROR);
        assertThat(result.getFailureDetail()).isEqualTo("HTTP 500: CUDA error: out of memory");
        assertThat(result.getMetrics().getRuns()).isEqualTo(12);
    }

    @Test
    void anAnswerThatIsNoNarrativeFailsButKeepsTheCall() {
        worker.settings().respondWith("I cannot help with that.");
        analyst = analyst();

        AnalysisResult result = analyst.analyse(AnalysisFixtures.request("req-4", MODEL, 12));

        assertThat(result.getStatus()).isEqualTo(AnalysisStatus.LLM_FAILED);
        assertThat(result.getError()).isNotBlank();
        assertThat(result.getCall().getEndpoint()).isEqualTo(worker.baseUrl());
        assertThat(result.getNarrative()).isNull();
    }

    @Test
    void attemptsCountEarlierRoundsAndRetries() {
        worker.failures().failNext(FailureMode.HTTP_500, 1);
        analyst = analyst();

        AnalysisOutcome outcome = analyst.analyse(analyst.prepare(AnalysisFixtures.request("req-5", MODEL, 12)), 3)
                .join();

        assertThat(outcome.attempts()).isEqualTo(5);
        assertThat(outcome.result().getCall().getAttempts()).isEqualTo(5);
    }

    private Analyst analyst() {
        WorkerPool pool = WorkerPool.create(LlmApi.OLLAMA, List.of(worker.baseUrl()), SimulatorSettings.DEFAULT_MODEL,
                LlmClientSettings.defaults(), FAST);
        pool.start();
        return new Analyst(pool, PromptBuilder.withDefaults(), OPTIONS.asMap(), "10m",
                Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
