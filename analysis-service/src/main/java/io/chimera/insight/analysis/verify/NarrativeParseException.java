package io.chimera.insight.analysis.verify;

/**
 * The LLM's answer is not a narrative: not JSON, or JSON of the wrong shape. An
 * {@link IllegalArgumentException} because the argument to {@link NarrativeParser#parse} is at fault.
 */
public class NarrativeParseException extends IllegalArgumentException {

    public NarrativeParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
