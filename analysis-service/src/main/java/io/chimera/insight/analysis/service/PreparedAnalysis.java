package io.chimera.insight.analysis.service;

import io.chimera.insight.analysis.llm.LlmRequest;
import io.chimera.insight.analysis.prompt.Prompt;
import io.chimera.insight.events.AnalysisRequest;

/**
 * A request turned into what is sent: built once, so a retry sends exactly the same prompt.
 *
 * @param request the analysis request consumed
 * @param prompt  the grounded prompt built from its aggregate
 * @param call    the chat request carrying the prompt, the schema and the options
 */
public record PreparedAnalysis(AnalysisRequest request, Prompt prompt, LlmRequest call) {

    public String model() {
        return request.getModel();
    }
}
