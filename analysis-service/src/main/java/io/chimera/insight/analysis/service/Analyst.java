package io.chimera.insight.analysis.service;

import io.chimera.insight.analysis.llm.LlmException;
import io.chimera.insight.analysis.llm.LlmRequest;
import io.chimera.insight.analysis.llm.LlmUnavailableException;
import io.chimera.insight.analysis.llm.pool.PoolOutcome;
import io.chimera.insight.analysis.llm.pool.WorkerPool;
import io.chimera.insight.analysis.prompt.NarrativeSchema;
import io.chimera.insight.analysis.prompt.Prompt;
import io.chimera.insight.analysis.prompt.PromptBuilder;
import io.chimera.insight.analysis.verify.NarrativeParser;
import io.chimera.insight.analysis.verify.NarrativeVerifier;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.AnalysisResult;
import io.chimera.insight.events.AnalysisStatus;
import io.chimera.insight.events.ModelMetrics;
import io.chimera.insight.events.Narrative;
import io.chimera.insight.platform.kafka.read.ConfigMetricsView;
import io.chimera.insight.platform.llm.LlmFailures;
import io.chimera.insight.platform.stats.ModelFigures;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses one request: grounded prompt, one pooled LLM call (retried by the pool), parse, verify.
 * Every outcome becomes an {@link AnalysisResult} that carries the facts, so a report can always be
 * written — with the narrative when a worker answered, without it (and saying why) when none did.
 *
 * <p>Thread-safe; owns the pool it was given ({@link #close()} closes it).
 */
public final class Analyst implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Analyst.class);

    private final WorkerPool pool;
    private final PromptBuilder prompts;
    private final Map<String, Object> options;
    private final String keepAlive;
    private final Clock clock;

    /**
     * @param pool      the GPU workers; requests ask for {@link WorkerPool#model()}
     * @param options   generation options ({@link io.chimera.insight.analysis.llm.LlmOptions} names)
     * @param keepAlive Ollama {@code keep_alive}, {@code null} for the worker's default
     */
    public Analyst(WorkerPool pool, PromptBuilder prompts, Map<String, Object> options, String keepAlive, Clock clock) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.options = Map.copyOf(options);
        this.keepAlive = keepAlive;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public WorkerPool pool() {
        return pool;
    }

    /**
     * Builds the prompt and the chat request.
     *
     * @throws IllegalArgumentException the request carries no aggregate (nothing to ground an analysis in)
     */
    public PreparedAnalysis prepare(AnalysisRequest request) {
        ModelMetrics facts = request.getMetrics();
        if (facts == null) {
            throw new IllegalArgumentException("analysis request " + request.getRequestId() + " for "
                    + request.getModel() + " carries no aggregate");
        }
        ModelFigures figures = ModelFigures.of(facts);
        Prompt prompt = prompts.build(facts, figures);
        LlmRequest call = new LlmRequest(pool.model(), prompt.system(), prompt.user(), NarrativeSchema.schema(),
                options, keepAlive);
        return new PreparedAnalysis(request, figures, prompt, call);
    }

    /**
     * Sends the prepared request through the pool. The future always completes normally.
     *
     * @param priorAttempts calls already sent for this request in earlier rounds
     * @throws java.util.concurrent.RejectedExecutionException the pool's queue is full
     */
    public CompletableFuture<AnalysisOutcome> analyse(PreparedAnalysis prepared, int priorAttempts) {
        return pool.submit(prepared.call()).thenApply(outcome -> outcome(prepared, outcome, priorAttempts));
    }

    /** Prepares, sends and waits: one request, one result (for tools and the bench). */
    public AnalysisResult analyse(AnalysisRequest request) {
        return analyse(prepare(request), 0).join().result();
    }

    private AnalysisOutcome outcome(PreparedAnalysis prepared, PoolOutcome call, int priorAttempts) {
        AnalysisRequest request = prepared.request();
        int attempts = priorAttempts + call.attempts();
        AnalysisResult.Builder result = AnalysisResult.newBuilder()
                .setAnalysisId(UUID.randomUUID().toString())
                .setRequestId(request.getRequestId())
                .setModel(request.getModel())
                // As the topics carry it: the configurations stay on config-metrics, where the report reads them.
                .setMetrics(ConfigMetricsView.withoutConfigs(request.getMetrics()))
                .setPromptTokens(prepared.prompt().estimatedTokens())
                .setOmittedFacts(prepared.prompt().omittedFacts())
                .setOldestPendingIngestAt(request.getOldestPendingIngestAt());
        if (call.answered()) {
            result.setCall(call.response().toCall(call.queueWaitMs(), attempts));
            try {
                Narrative narrative = NarrativeParser.parse(call.response().content());
                result.setNarrative(narrative)
                        .setVerification(NarrativeVerifier.verify(narrative, request.getMetrics(), prepared.figures()))
                        .setStatus(AnalysisStatus.OK);
            } catch (IllegalArgumentException e) {
                log.warn("analysis of {}: unusable answer from {}: {}", request.getModel(),
                        call.response().endpoint(), e.getMessage());
                result.setStatus(AnalysisStatus.LLM_FAILED).setError(e.getMessage());
            }
        } else {
            LlmException failure = call.failure();
            String explained = LlmFailures.explain(failure.kind(), failure.workerSaid().orElse(null));
            if (failure instanceof LlmUnavailableException || failure.retryable()) {
                // Nothing usable yet, but a later round may get it: pending, tried again.
                log.debug("no narrative yet for {}: {}: {}", request.getModel(), explained, failure.getMessage());
                result.setStatus(AnalysisStatus.LLM_UNAVAILABLE);
            } else {
                log.warn("analysis of {} failed: {}: {}", request.getModel(), explained, failure.getMessage());
                result.setStatus(AnalysisStatus.LLM_FAILED);
            }
            result.setError(failure.getMessage())
                    .setFailureKind(failure.kind())
                    .setFailureDetail(failure.workerSaid().orElse(null));
        }
        return new AnalysisOutcome(result.setCompletedAt(clock.instant()).build(), attempts);
    }

    @Override
    public void close() {
        pool.close();
    }
}
