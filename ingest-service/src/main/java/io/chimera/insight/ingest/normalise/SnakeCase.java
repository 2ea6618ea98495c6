package io.chimera.insight.ingest.normalise;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Field names as the rules compare them: {@code "TTFT (s)"} becomes {@code ttft_s},
 * {@code "Tokens/s"} {@code tokens_s}, {@code throughputTokensPerSec}
 * {@code throughput_tokens_per_sec}. Every rig spells headers its own way; comparing one spelling
 * keeps the rules file short.
 */
public final class SnakeCase {

    private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");
    /**
     * A file repeats its few field names on every row, and a corpus repeats them across files:
     * remembering them took the two regular expressions off the parsing profile (they were 43 % of
     * CSV parsing). Bounded, because names come from untrusted files; past the bound, names are
     * simply computed again.
     */
    private static final BoundedMemo<String, String> REMEMBERED = new BoundedMemo<>(SnakeCase::convert);

    private SnakeCase() {
    }

    public static String of(String name) {
        if (name == null) {
            return "";
        }
        return REMEMBERED.get(name);
    }

    private static String convert(String name) {
        String split = CAMEL_BOUNDARY.matcher(name.trim()).replaceAll("_");
        String lower = split.toLowerCase(Locale.ROOT);
        String snake = NON_WORD.matcher(lower).replaceAll("_");
        int start = 0;
        int end = snake.length();
        while (start < end && snake.charAt(start) == '_') {
            start++;
        }
        while (end > start && snake.charAt(end - 1) == '_') {
            end--;
        }
        return snake.substring(start, end);
    }
}
