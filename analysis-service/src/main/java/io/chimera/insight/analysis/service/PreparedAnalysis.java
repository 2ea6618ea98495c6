package io.chimera.insight.analysis.service;

import io.chimera.insight.analysis.llm.LlmRequest;
import io.chimera.insight.analysis.prompt.Prompt;
import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.platform.stats.ModelFigures;

/**
 * A request turned into what is sent: built once, so a retry sends exactly the same prompt.
 *
 * @param request the analysis request consumed
 * @param figures what its aggregate says about the configuration keys, worked out once for the prompt and
 *                the verification of the answer
 * @param prompt  the grounded prompt built from its aggregate
 * @param call    the chat request carrying the prompt, the schema and the options
 */
public record PreparedAnalysis(AnalysisRequest request, ModelFigures figures, Prompt prompt, LlmRequest call) {

    public String model() {
        return request.getModel();
    }
}
