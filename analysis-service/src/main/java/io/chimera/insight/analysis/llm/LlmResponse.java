package io.chimera.insight.analysis.llm;

import io.chimera.insight.events.LlmCall;

/**
 * A completed chat call: the answer text plus timings measured at the client and, where the server
 * reports them, its own durations and token counts. Server figures are {@code null} when the API
 * does not report them (OpenAI-compatible servers report no durations).
 *
 * @param content              the generated text, all chunks concatenated
 * @param endpoint             base URL of the worker that answered
 * @param api                  protocol used
 * @param llmModel             model that generated the answer (as the server names it)
 * @param ttftMs               client-side time from sending the request to the first non-empty
 *                             content chunk; equals {@code wallMs} when no content arrived
 * @param wallMs               client-side time from sending the request to the end of the stream
 * @param totalDurationMs      server {@code total_duration}
 * @param loadDurationMs       server {@code load_duration}
 * @param promptEvalDurationMs server {@code prompt_eval_duration}
 * @param evalDurationMs       server {@code eval_duration}
 * @param promptEvalCount      prompt tokens evaluated
 * @param evalCount            tokens generated
 * @param tokensPerS           generation throughput; see each client for how it is derived
 * @param doneReason           server {@code done_reason} / {@code finish_reason}
 */
public record LlmResponse(String content, String endpoint, LlmApi api, String llmModel,
                          double ttftMs, double wallMs,
                          Double totalDurationMs, Double loadDurationMs,
                          Double promptEvalDurationMs, Double evalDurationMs,
                          Long promptEvalCount, Long evalCount,
                          Double tokensPerS, String doneReason) {

    /**
     * The Avro record for the analysis-results event.
     *
     * @param queueWaitMs time the request waited for a worker slot (known only to the caller)
     * @param attempts    tries made, retries included
     */
    public LlmCall toCall(double queueWaitMs, int attempts) {
        return LlmCall.newBuilder()
                .setEndpoint(endpoint)
                .setApi(api.wireName())
                .setLlmModel(llmModel)
                .setTtftMs(ttftMs)
                .setWallMs(wallMs)
                .setTotalDurationMs(totalDurationMs)
                .setLoadDurationMs(loadDurationMs)
                .setPromptEvalDurationMs(promptEvalDurationMs)
                .setEvalDurationMs(evalDurationMs)
                .setPromptEvalCount(promptEvalCount)
                .setEvalCount(evalCount)
                .setTokensPerS(tokensPerS)
                .setQueueWaitMs(queueWaitMs)
                .setAttempts(attempts)
                .setDoneReason(doneReason)
                .build();
    }
}
