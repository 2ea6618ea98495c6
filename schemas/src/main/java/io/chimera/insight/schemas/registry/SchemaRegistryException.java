package io.chimera.insight.schemas.registry;

/**
 * A registry call that failed. The message always names the subject (or schema id), the URL and
 * the HTTP status, because "registry error" alone sends an operator hunting through three services.
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String url;
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String subject, String url, int httpStatus, int errorCode, String message, Throwable cause) {
        super(describe(subject, url, httpStatus, errorCode, message), cause);
        this.subject = subject;
        this.url = url;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    private static String describe(String subject, String url, int httpStatus, int errorCode, String message) {
        StringBuilder text = new StringBuilder("schema registry call failed");
        if (subject != null) {
            text.append(" for ").append(subject);
        }
        text.append(" at ").append(url);
        if (httpStatus > 0) {
            text.append(": HTTP ").append(httpStatus);
        }
        if (errorCode > 0) {
            text.append(" (error ").append(errorCode).append(')');
        }
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message);
        }
        return text.toString();
    }

    public String subject() {
        return subject;
    }

    public String url() {
        return url;
    }

    /** HTTP status, or 0 when the registry could not be reached at all. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent error code ({@code error_code} of the body), or 0 when absent. */
    public int errorCode() {
        return errorCode;
    }
}
