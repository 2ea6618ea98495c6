package io.chimera.insight.analysis.llm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decodes OpenAI-style server-sent events: {@code data: {json}} lines carrying
 * {@code choices[0].delta.content} and {@code finish_reason}, a usage chunk (empty {@code choices})
 * when {@code stream_options.include_usage} is set, then {@code data: [DONE]}. Comment lines
 * ({@code :…}), {@code event:}/{@code id:}/{@code retry:} fields and blank separators are skipped.
 */
final class OpenAiStreamDecoder implements StreamDecoder {

    private static final String DATA = "data:";
    private static final String DONE = "[DONE]";

    private final String endpoint;
    private final StringBuilder content = new StringBuilder();
    private String llmModel;
    private String finishReason;
    private Long promptTokens;
    private Long completionTokens;
    private boolean done;

    OpenAiStreamDecoder(String endpoint, String requestedModel) {
        this.endpoint = endpoint;
        this.llmModel = requestedModel;
    }

    @Override
    public void accept(String line) {
        if (!line.startsWith(DATA)) {
            return;
        }
        String data = line.substring(DATA.length()).strip();
        if (DONE.equals(data)) {
            done = true;
            return;
        }
        if (data.isEmpty()) {
            return;
        }
        JsonNode chunk = JsonChunks.parse(data, endpoint);
        JsonChunks.failOnError(chunk, endpoint);
        String model = JsonChunks.textOrNull(chunk, "model");
        if (model != null && !model.isEmpty()) {
            llmModel = model;
        }
        JsonNode choices = chunk.path("choices");
        if (choices.isArray() && !choices.isEmpty()) {
            JsonNode choice = choices.get(0);
            JsonNode piece = choice.path("delta").path("content");
            if (piece.isTextual()) {
                content.append(piece.asText());
            }
            String reason = JsonChunks.textOrNull(choice, "finish_reason");
            if (reason != null) {
                finishReason = reason;
            }
        }
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            promptTokens = JsonChunks.longOrNull(usage, "prompt_tokens");
            completionTokens = JsonChunks.longOrNull(usage, "completion_tokens");
        }
    }

    @Override
    public boolean finished() {
        return done;
    }

    @Override
    public boolean hasContent() {
        return content.length() > 0;
    }

    /**
     * The API reports no durations, so they stay {@code null}. Tokens/s is derived at the client as
     * {@code completion_tokens ÷ (wall − ttft)}: the generation phase as seen from here. It includes
     * network time and counts the first token without its latency, so it reads slightly high for
     * short answers; {@code null} without usage or without a generation phase to divide by.
     */
    @Override
    public LlmResponse toResponse(String responseEndpoint, double ttftMs, double wallMs) {
        double generationMs = wallMs - ttftMs;
        Double tokensPerS = completionTokens != null && completionTokens > 0 && hasContent() && generationMs > 0
                ? completionTokens / (generationMs / 1000.0) : null;
        return new LlmResponse(content.toString(), responseEndpoint, LlmApi.OPENAI, llmModel, ttftMs, wallMs,
                null, null, null, null,
                promptTokens, completionTokens, tokensPerS, finishReason);
    }
}
