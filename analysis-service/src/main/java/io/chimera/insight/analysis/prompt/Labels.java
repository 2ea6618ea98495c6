package io.chimera.insight.analysis.prompt;

import java.util.regex.Pattern;

/**
 * Names that come from benchmark files — the model name, configuration keys and values — reach the
 * prompt only when they look like identifiers or values ({@code gemma3:270m}, {@code num_ctx},
 * {@code q4_K_M}, {@code -1}): one token of at most 80 characters without spaces, quotes, brackets
 * or commas. Anything else is free text a file could use to talk to the model ("ignore previous
 * instructions ..."), so it is replaced by {@link #WITHHELD}; the verifier takes no facts from it
 * either.
 */
public final class Labels {

    /** What the prompt shows instead of a free-text name or value. */
    public static final String WITHHELD = "(free text withheld)";

    private static final Pattern SAFE = Pattern.compile("[\\p{Alnum}._+-][\\p{Alnum}_.:/+@%=-]{0,79}");

    private Labels() {
    }

    /** Whether {@code text} may appear in a prompt as it is (empty text may: it says nothing). */
    public static boolean isSafe(String text) {
        return text == null || text.isEmpty() || SAFE.matcher(text).matches();
    }

    /** {@code text} when safe, else {@link #WITHHELD}. */
    public static String forPrompt(String text) {
        return isSafe(text) ? (text == null ? "" : text) : WITHHELD;
    }
}
