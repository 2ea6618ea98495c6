package io.chimera.insight.analysis.prompt;

/**
 * Estimates prompt tokens as characters ÷ 4, rounded up. This is the usual rule of thumb for
 * English text with SentencePiece/BPE tokenizers; our fact lines are number-heavy, where tokenizers
 * split more finely, so the answer reserve in {@link PromptSettings} must absorb the error. A real
 * tokenizer (or Ollama's {@code prompt_eval_count} fed back) can replace this later.
 */
public final class TokenEstimator {

    public static final int CHARS_PER_TOKEN = 4;

    private TokenEstimator() {
    }

    public static int estimate(CharSequence text) {
        return estimateChars(text.length());
    }

    static int estimateChars(long chars) {
        return (int) Math.min(Integer.MAX_VALUE, (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    }
}
