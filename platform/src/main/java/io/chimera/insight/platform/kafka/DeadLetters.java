package io.chimera.insight.platform.kafka;

import io.chimera.insight.events.DeadLetter;
import java.time.Instant;
import java.util.UUID;

/** Builds dead letters the same way in every service. */
public final class DeadLetters {

    /** Longest excerpt kept: enough to recognise the input, small enough for any topic. */
    public static final int MAX_EXCERPT = 512;

    private DeadLetters() {
    }

    public static DeadLetter of(String stage, String source, String locator, Throwable error, String excerpt) {
        return of(stage, source, locator, error.getClass().getName(), messageOf(error), excerpt);
    }

    public static DeadLetter of(String stage, String source, String locator, String errorClass, String message,
                                String excerpt) {
        return DeadLetter.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setSource(source == null ? "" : source)
                .setStage(stage)
                .setErrorClass(errorClass == null ? "" : errorClass)
                .setMessage(message == null ? "" : message)
                .setExcerpt(truncate(excerpt))
                .setLocator(locator == null ? "" : locator)
                .setAt(Instant.now())
                .build();
    }

    private static String messageOf(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    private static String truncate(String excerpt) {
        if (excerpt == null) {
            return "";
        }
        return excerpt.length() <= MAX_EXCERPT ? excerpt : excerpt.substring(0, MAX_EXCERPT);
    }
}
