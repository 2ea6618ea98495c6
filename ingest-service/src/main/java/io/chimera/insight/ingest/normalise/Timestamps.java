package io.chimera.insight.ingest.normalise;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
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
        Instant common = CommonIsoForm.read(text);
        if (common != CommonIsoForm.NOT_THIS_FORM) {
            return Optional.ofNullable(common);
        }
        return byFormatter(text);
    }

    /** What {@link #parse} gives a date-time, always through the JDK's formatter; to check the shortcut against. */
    static Optional<Instant> byFormatter(String text) {
        if (!looksLikeADate(text)) {
            return Optional.empty(); // most non-dates end here, without the cost of a failed parse
        }
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + "T" + text.substring(11)
                : text;
        try {
            // One pass for both forms rigs write most: with an offset, or a local date-time read as UTC.
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from,
                    LocalDateTime::from);
            return Optional.of(parsed instanceof OffsetDateTime offset ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notDateTime) {
            try {
                return Optional.of(LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** {@code yyyy-mm-dd...}: the start every ISO date shares. */
    private static boolean looksLikeADate(String text) {
        return text.length() >= 10 && Character.isDigit(text.charAt(0)) && text.charAt(4) == '-'
                && text.charAt(7) == '-';
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
