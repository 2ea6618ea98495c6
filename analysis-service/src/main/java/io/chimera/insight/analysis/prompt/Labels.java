package io.chimera.insight.analysis.prompt;


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

    /** The longest name that may appear as it is. */
    private static final int LONGEST = 80;

    private Labels() {
    }

    /**
     * Whether {@code text} may appear in a prompt as it is (empty text may: it says nothing): the
     * regular expression {@code [\p{Alnum}._+-][\p{Alnum}_.:/+@%=-]{0,79}} ({@code \p{Alnum}} being
     * ASCII letters and digits), checked character by character. The prompt and the verifier ask it
     * of every configuration key and value, and a matcher per question was among the analysis
     * service's largest allocations per analysis (JFR, bench step 9).
     */
    public static boolean isSafe(String text) {
        if (text == null || text.isEmpty()) {
            return true;
        }
        if (text.length() > LONGEST || !startsSafely(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (!continuesSafely(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsSafely(char c) {
        return alphanumeric(c) || c == '.' || c == '_' || c == '+' || c == '-';
    }

    private static boolean continuesSafely(char c) {
        return alphanumeric(c) || "_.:/+@%=-".indexOf(c) >= 0;
    }

    private static boolean alphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** {@code text} when safe, else {@link #WITHHELD}. */
    public static String forPrompt(String text) {
        return isSafe(text) ? (text == null ? "" : text) : WITHHELD;
    }
}
