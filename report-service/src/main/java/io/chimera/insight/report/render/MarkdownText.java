package io.chimera.insight.report.render;

/**
 * Escaping of text that comes from outside (model names, config values, LLM output) before it
 * enters Markdown, so a {@code |} cannot break a table and a heading or link cannot be injected.
 */
public final class MarkdownText {

    private MarkdownText() {
    }

    /** Text for a table cell: one line, pipes and Markdown punctuation escaped. */
    public static String cell(String text) {
        return inline(text); // inline() already escapes the pipe
    }

    /** Text as inline code (file paths): one line; a backtick, which would end the span, becomes a quote. */
    public static String code(String text) {
        if (text == null || text.isBlank()) {
            return "` `";
        }
        String oneLine = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip();
        return "`" + oneLine.replace('`', '\'') + "`";
    }

    /** Text for a paragraph or list item: one line, Markdown punctuation escaped. */
    public static String inline(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip();
        StringBuilder out = new StringBuilder(oneLine.length() + 8);
        for (int i = 0; i < oneLine.length(); i++) {
            char c = oneLine.charAt(i);
            if ("\\`*_[]<>#!|~".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
