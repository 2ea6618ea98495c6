package io.chimera.insight.analysis.verify;

import java.text.BreakIterator;
import java.util.Locale;

/** Finds the sentence around a position, to show a reader where an unverified number stands. */
final class Sentences {

    private Sentences() {
    }

    /** The sentence of {@code text} that contains {@code offset}, trimmed. */
    static String around(String text, int offset) {
        // BreakIterator knows that the dot in "4.63" does not end a sentence.
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        int end = sentences.following(Math.min(Math.max(offset, 0), Math.max(text.length() - 1, 0)));
        if (end == BreakIterator.DONE) {
            end = text.length();
        }
        int start = sentences.previous();
        if (start == BreakIterator.DONE) {
            start = 0;
        }
        return text.substring(start, end).strip();
    }
}
