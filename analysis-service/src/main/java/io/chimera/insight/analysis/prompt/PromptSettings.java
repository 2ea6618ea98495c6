package io.chimera.insight.analysis.prompt;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What shapes the prompt.
 *
 * @param persona             first part of the system prompt
 * @param numCtx              the context window the model runs with; send the same value as the
 *                            {@code num_ctx} option of the request
 * @param answerReserveTokens tokens kept free for the answer (the facts may use
 *                            {@code numCtx - answerReserveTokens})
 */
public record PromptSettings(String persona, int numCtx, int answerReserveTokens) {

    public static final int DEFAULT_NUM_CTX = 8192;
    public static final int DEFAULT_ANSWER_RESERVE_TOKENS = 1536;

    public PromptSettings {
        Objects.requireNonNull(persona, "persona");
        if (answerReserveTokens <= 0 || numCtx <= answerReserveTokens) {
            throw new IllegalArgumentException("need 0 < answerReserveTokens < numCtx, got reserve "
                    + answerReserveTokens + " and numCtx " + numCtx);
        }
    }

    /** The shipped persona, {@value #DEFAULT_NUM_CTX} tokens of context, {@value #DEFAULT_ANSWER_RESERVE_TOKENS} reserved. */
    public static PromptSettings defaults() {
        return new PromptSettings(Persona.defaultText(), DEFAULT_NUM_CTX, DEFAULT_ANSWER_RESERVE_TOKENS);
    }

    public PromptSettings withPersona(String text) {
        return new PromptSettings(text, numCtx, answerReserveTokens);
    }

    public PromptSettings withPersonaFile(Path path) {
        return withPersona(Persona.fromFile(path));
    }

    /** Both at once, since changing one alone may briefly violate {@code reserve < numCtx}. */
    public PromptSettings withContext(int newNumCtx, int newAnswerReserveTokens) {
        return new PromptSettings(persona, newNumCtx, newAnswerReserveTokens);
    }

    public PromptSettings withNumCtx(int value) {
        return new PromptSettings(persona, value, answerReserveTokens);
    }

    public PromptSettings withAnswerReserveTokens(int value) {
        return new PromptSettings(persona, numCtx, value);
    }

    /** Tokens the system and user prompt together may use. */
    public int promptBudgetTokens() {
        return numCtx - answerReserveTokens;
    }
}
