package io.chimera.insight.analysis.llm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generation options an operator may set, typed; {@code null} leaves a setting to the worker's
 * default. {@link #asMap()} gives the {@link LlmRequest#options()} map under {@link LlmOptions} names
 * (Ollama's vocabulary; {@link OpenAiChatClient} maps what the OpenAI API knows).
 *
 * @param numCtx        context window in tokens
 * @param numGpu        layers offloaded to the GPU
 * @param temperature   sampling temperature
 * @param topP          nucleus sampling threshold
 * @param topK          top-k sampling
 * @param repeatPenalty penalty on repeated tokens
 * @param numPredict    most tokens to generate (-1 unlimited)
 * @param seed          sampling seed, for repeatable answers
 */
public record GenerationOptions(Integer numCtx, Integer numGpu, Double temperature, Double topP, Integer topK,
                                Double repeatPenalty, Integer numPredict, Long seed) {

    /** Nothing set: every value is the worker's default. */
    public static GenerationOptions none() {
        return new GenerationOptions(null, null, null, null, null, null, null, null);
    }

    /** The options that are set, keyed by {@link LlmOptions} names, in a stable order. */
    public Map<String, Object> asMap() {
        Map<String, Object> options = new LinkedHashMap<>();
        put(options, LlmOptions.NUM_CTX, numCtx);
        put(options, LlmOptions.NUM_GPU, numGpu);
        put(options, LlmOptions.TEMPERATURE, temperature);
        put(options, LlmOptions.TOP_P, topP);
        put(options, LlmOptions.TOP_K, topK);
        put(options, LlmOptions.REPEAT_PENALTY, repeatPenalty);
        put(options, LlmOptions.NUM_PREDICT, numPredict);
        put(options, LlmOptions.SEED, seed);
        return options;
    }

    private static void put(Map<String, Object> options, String name, Object value) {
        if (value != null) {
            options.put(name, value);
        }
    }
}
