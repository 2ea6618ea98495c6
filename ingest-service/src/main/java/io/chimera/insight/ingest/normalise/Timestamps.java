package io.chimera.insight.ingest.normalise;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When a run happened, from the forms rigs write: ISO-8601 with an offset or {@code Z}, a local
 * date-time (read as UTC, since rigs that omit the zone are as likely in UTC as anywhere else and a
 * fixed rule beats the ingest host's zone), a date, or epoch seconds / milliseconds.
 */
public final class Timestamps {

    /** Epoch values at or above this are milliseconds (year 2001 in ms, year 33658 in s). */
    private static final BigDecimal MILLIS_THRESHOLD = new BigDecimal("1000000000000");

    private Timestamps() {
    }

    public static Optional<Instant> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.trim();
        Optional<Quantity> number = Quantity.parse(text).filter(q -> q.unit().isEmpty());
        if (number.isPresent()) {
            return fromEpoch(number.get().value());
        }
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + "T" + text.substring(11)
                : text;
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        }
    }

    private static Optional<Instant> fromEpoch(BigDecimal value) {
        if (value.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal millis = value.compareTo(MILLIS_THRESHOLD) >= 0 ? value : value.movePointRight(3);
        try {
            return Optional.of(Instant.ofEpochMilli(millis.longValue()));
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
