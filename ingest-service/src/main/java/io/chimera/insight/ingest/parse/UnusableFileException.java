package io.chimera.insight.ingest.parse;

/**
 * The whole file cannot be used (binary content, a JSON syntax error, only an error message): it
 * is rejected with this reason and one dead letter.
 */
public class UnusableFileException extends Exception {

    private final String errorClass;
    private final String excerpt;
    private final String locator;

    public UnusableFileException(String errorClass, String message, String excerpt) {
        this(errorClass, message, excerpt, "");
    }

    public UnusableFileException(String errorClass, String message, String excerpt, String locator) {
        super(message);
        this.errorClass = errorClass;
        this.excerpt = excerpt == null ? "" : excerpt;
        this.locator = locator == null ? "" : locator;
    }

    /** A short name of the kind of problem ({@code BinaryContent}, {@code JsonSyntax}). */
    public String errorClass() {
        return errorClass;
    }

    public String excerpt() {
        return excerpt;
    }

    public String locator() {
        return locator;
    }
}
