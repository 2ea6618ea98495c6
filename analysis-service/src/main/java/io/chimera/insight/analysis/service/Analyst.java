package io.chimera.insight.analysis.service;

import io.chimera.insight.analysis.llm.LlmClient;
import io.chimera.insight.analysis.llm.LlmException;
import io.chimera.insight.analysis.llm.LlmRequest;
import io.chimera.insight.analysis.llm.LlmResponse;
import io.chimera.insight.analysis.llm.LlmUnavailableException;
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
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses one request: grounded prompt, one LLM call, parse, verify. Every outcome becomes an
 * {@link AnalysisResult} that carries the facts, so a report can always be written — with the
 * narrative when the worker answered, without it (and saying why) when it did not.
 */
public final class Analyst {

    private static final Logger log = LoggerFactory.getLogger(Analyst.class);

    private final LlmClient client;
    private final PromptBuilder prompts;
    private final String llmModel;
    private final Map<String, Object> options;
    private final Clock clock;

    public Analyst(LlmClient client, PromptBuilder prompts, String llmModel, Map<String, Object> options, Clock clock) {
        this.client = client;
        this.prompts = prompts;
        this.llmModel = llmModel;
        this.options = Map.copyOf(options);
        this.clock = clock;
    }

    public AnalysisResult analyse(AnalysisRequest request) {
        ModelMetrics facts = request.getMetrics();
        if (facts == null) {
            throw new IllegalArgumentException("analysis request " + request.getRequestId() + " for "
                    + request.getModel() + " carries no aggregate");
        }
        Prompt prompt = prompts.build(facts);
        AnalysisResult.Builder result = AnalysisResult.newBuilder()
                .setAnalysisId(UUID.randomUUID().toString())
                .setRequestId(request.getRequestId())
                .setModel(request.getModel())
                .setMetrics(facts)
                .setPromptTokens(prompt.estimatedTokens())
                .setOmittedFacts(prompt.omittedFacts())
                .setOldestPendingIngestAt(request.getOldestPendingIngestAt());
        LlmRequest call = LlmRequest.of(llmModel, prompt.system(), prompt.user())
                .withFormat(NarrativeSchema.schema())
                .withOptions(options);
        try {
            LlmResponse response = client.chat(call);
            result.setCall(response.toCall(0.0, 1));
            Narrative narrative = NarrativeParser.parse(response.content());
            result.setNarrative(narrative)
                    .setVerification(NarrativeVerifier.verify(narrative, facts))
                    .setStatus(AnalysisStatus.OK);
        } catch (LlmUnavailableException e) {
            log.debug("no worker for {}: {}", request.getModel(), e.getMessage());
            result.setStatus(AnalysisStatus.LLM_UNAVAILABLE).setError(e.getMessage());
        } catch (LlmException | IllegalArgumentException e) {
            log.warn("analysis of {} failed: {}", request.getModel(), e.getMessage());
            result.setStatus(AnalysisStatus.LLM_FAILED).setError(e.getMessage());
        }
        return result.setCompletedAt(clock.instant()).build();
    }
}
