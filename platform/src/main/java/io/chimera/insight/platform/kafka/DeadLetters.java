package io.chimera.insight.platform.kafka;

import io.chimera.insight.events.DeadLetter;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Builds dead letters the same way in every service. */
public final class DeadLetters {

    /** Longest excerpt kept: enough to recognise the input, small enough for any topic. */
    public static final int MAX_EXCERPT = 512;

    private DeadLetters() {
    }

    /** Bytes of an unusable record kept (as hex) in its dead letter. */
    static final int RECORD_EXCERPT_BYTES = 64;

    /** Where a consumed record came from, as dead letters and logs name it: {@code topic/partition@offset}. */
    public static String sourceOf(ConsumerRecord<byte[], byte[]> raw) {
        return raw.topic() + "/" + raw.partition() + "@" + raw.offset();
    }

    /** A consumed record that could not be decoded or handled, with the start of its value in hex. */
    public static DeadLetter ofRecord(String stage, ConsumerRecord<byte[], byte[]> raw, Throwable error) {
        byte[] value = raw.value() == null ? new byte[0] : raw.value();
        return of(stage, sourceOf(raw), "", error,
                HexFormat.of().formatHex(value, 0, Math.min(value.length, RECORD_EXCERPT_BYTES)));
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
