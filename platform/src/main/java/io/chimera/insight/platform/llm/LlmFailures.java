package io.chimera.insight.platform.llm;

import io.chimera.insight.events.LlmFailureKind;

/**
 * How a classified LLM worker failure is put into words, the same in the analysis log, the report's
 * status line and {@code chimera run}'s warning: {@code server error (HTTP 500: CUDA error: out of memory)}.
 */
public final class LlmFailures {

    private LlmFailures() {
    }

    /** The kind in a few lower-case words: {@code server error}. */
    public static String phrase(LlmFailureKind kind) {
        return switch (kind) {
            case UNREACHABLE -> "unreachable";
            case MODEL_MISSING -> "model missing";
            case SERVER_ERROR -> "server error";
            case STREAM_ERROR -> "stream error";
            case STALLED -> "stalled";
            case UNPARSEABLE -> "unparseable answer";
        };
    }

    /** The kind followed by the worker's words in parentheses, when there are any. */
    public static String explain(LlmFailureKind kind, CharSequence workerSaid) {
        String words = workerSaid == null ? "" : workerSaid.toString();
        return words.isBlank() ? phrase(kind) : phrase(kind) + " (" + words + ")";
    }
}
