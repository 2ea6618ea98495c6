package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.MarkdownText.inline;

import io.chimera.insight.events.UnverifiedNumber;
import io.chimera.insight.events.Verification;
import java.util.List;

/** Marks narrative text that holds a number the verifier could not match to the data. */
final class UnverifiedFlags {

    private UnverifiedFlags() {
    }

    /**
     * @param rendered the text as it goes into the report (already escaped)
     * @param raw      the text as the LLM wrote it, where the verifier found its numbers
     * @return {@code rendered}, followed by a warning naming each unverified number found in it
     */
    static String flag(String rendered, String raw, Verification verification) {
        if (verification == null || raw == null) {
            return rendered;
        }
        List<String> numbers = verification.getUnverified().stream()
                .filter(u -> raw.contains(u.getSentence()) && raw.contains(u.getText()))
                .map(UnverifiedNumber::getText)
                .distinct()
                .toList();
        if (numbers.isEmpty()) {
            return rendered;
        }
        return rendered + " **(unverified: " + String.join(", ", numbers.stream().map(n -> inline(n)).toList())
                + ")**";
    }
}
