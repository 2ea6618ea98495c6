package io.chimera.insight.report.console;

/**
 * HTML escaping of text from benchmark data (model names, configuration values, file paths, error
 * messages): everything the console prints goes through here, in element text and in quoted
 * attribute values alike.
 */
final class Html {

    private Html() {
    }

    /** {@code text} safe inside an element or a double- or single-quoted attribute value; null as empty. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
