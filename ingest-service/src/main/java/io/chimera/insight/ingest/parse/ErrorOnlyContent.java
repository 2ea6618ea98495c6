package io.chimera.insight.ingest.parse;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises a file that holds only a tool's error message where results were expected, such as
 * {@code ==ERROR== the argument for option '--page' is invalid} redirected into a CSV. Such a file
 * is rejected, not read as an empty table, so the failure is visible.
 */
public final class ErrorOnlyContent {

    public static final String ERROR_CLASS = "ErrorMessageOnly";

    private static final int MAX_LINES = 5;
    private static final Pattern ERROR_LINE = Pattern.compile(
            "(?i)^\\s*(==\\s*error\\s*==|error\\b|fatal\\b|traceback \\(most recent call last\\)"
                    + "|exception\\b|[\\w.]*(error|exception):).*");

    private ErrorOnlyContent() {
    }

    /** Throws when {@code text} is a short error message and nothing else. */
    public static void check(String text) throws UnusableFileException {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).limit(MAX_LINES + 1L).toList();
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            return;
        }
        if (ERROR_LINE.matcher(lines.get(0)).matches()) {
            throw new UnusableFileException(ERROR_CLASS,
                    "the file holds only an error message: " + lines.get(0).strip(), String.join("\n", lines),
                    "line 1");
        }
    }
}
