package io.chimera.insight.localstack.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a response into token-sized pieces (leading whitespace plus up to four visible characters,
 * roughly what a BPE tokenizer yields for English), so streams have a realistic number of chunks
 * and {@code eval_count} means something. The pieces always concatenate back to the input.
 */
final class TokenChunker {

    private static final Pattern TOKEN = Pattern.compile("\\s*\\S{1,4}|\\s+");

    private TokenChunker() {
    }

    static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            pieces.add(matcher.group());
        }
        return pieces;
    }

    /** Rough token count of prompt text (four characters a token, at least one), like the prompt_eval_count estimate. */
    static int estimateTokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }
}
