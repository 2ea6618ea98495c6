package io.chimera.insight.analysis.llm;

/**
 * Names of the generation options carried in {@link LlmRequest#options()}. They use Ollama's
 * vocabulary because Ollama is the primary worker; {@link OpenAiChatClient} maps the ones the
 * OpenAI API knows and drops the rest.
 */
public final class LlmOptions {
    public static final String NUM_CTX = "num_ctx";
    public static final String TEMPERATURE = "temperature";
    public static final String TOP_P = "top_p";
    public static final String TOP_K = "top_k";
    public static final String REPEAT_PENALTY = "repeat_penalty";
    public static final String NUM_PREDICT = "num_predict";
    public static final String SEED = "seed";
    public static final String NUM_GPU = "num_gpu";

    private LlmOptions() {
    }
}
