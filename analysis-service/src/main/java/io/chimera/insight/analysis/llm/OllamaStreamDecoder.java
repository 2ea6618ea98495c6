package io.chimera.insight.analysis.llm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decodes Ollama's {@code /api/chat} NDJSON: one JSON object per line carrying
 * {@code message.content}; the last has {@code done:true} and the server's figures
 * ({@code total_duration}, {@code load_duration}, {@code prompt_eval_duration},
 * {@code eval_duration} in nanoseconds, {@code prompt_eval_count}, {@code eval_count},
 * {@code done_reason}).
 */
final class OllamaStreamDecoder implements StreamDecoder {

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final String endpoint;
    private final StringBuilder content = new StringBuilder();
    private String llmModel;
    private JsonNode finalChunk;

    OllamaStreamDecoder(String endpoint, String requestedModel) {
        this.endpoint = endpoint;
        this.llmModel = requestedModel;
    }

    @Override
    public void accept(String line) {
        if (line.isBlank()) {
            return;
        }
        JsonNode chunk = JsonChunks.parse(line, endpoint);
        JsonChunks.failOnError(chunk, endpoint);
        String model = JsonChunks.textOrNull(chunk, "model");
        if (model != null && !model.isEmpty()) {
            llmModel = model;
        }
        JsonNode piece = chunk.path("message").path("content");
        if (piece.isTextual()) {
            content.append(piece.asText());
        }
        if (chunk.path("done").asBoolean(false)) {
            finalChunk = chunk;
        }
    }

    @Override
    public boolean finished() {
        return finalChunk != null;
    }

    @Override
    public boolean hasContent() {
        return content.length() > 0;
    }

    /** Throughput is the server's own: {@code eval_count ÷ eval_duration}, free of network and queueing. */
    @Override
    public LlmResponse toResponse(String responseEndpoint, double ttftMs, double wallMs) {
        Long evalCount = JsonChunks.longOrNull(finalChunk, "eval_count");
        Long evalDurationNs = JsonChunks.longOrNull(finalChunk, "eval_duration");
        Double tokensPerS = evalCount != null && evalDurationNs != null && evalDurationNs > 0
                ? evalCount / (evalDurationNs / 1e9) : null;
        return new LlmResponse(content.toString(), responseEndpoint, LlmApi.OLLAMA, llmModel, ttftMs, wallMs,
                millis(finalChunk, "total_duration"),
                millis(finalChunk, "load_duration"),
                millis(finalChunk, "prompt_eval_duration"),
                millis(finalChunk, "eval_duration"),
                JsonChunks.longOrNull(finalChunk, "prompt_eval_count"),
                evalCount,
                tokensPerS,
                JsonChunks.textOrNull(finalChunk, "done_reason"));
    }

    private static Double millis(JsonNode chunk, String nanosField) {
        Long nanos = JsonChunks.longOrNull(chunk, nanosField);
        return nanos == null ? null : nanos / NANOS_PER_MILLI;
    }
}
