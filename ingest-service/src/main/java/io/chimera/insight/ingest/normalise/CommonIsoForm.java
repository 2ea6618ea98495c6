package io.chimera.insight.ingest.normalise;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The one date-time form nearly every rig writes, {@code yyyy-MM-dd(T| )HH:mm:ss[.fraction][Z|±HH:MM]},
 * read by hand: the JDK's formatter took 6 % of reading a file, once per row. Anything else (a
 * zone id, seconds in the offset, a date alone) is left to the formatter, and so is the answer for
 * an impossible date: {@link Timestamps} treats both the same way as before.
 */
final class CommonIsoForm {

    /** Marks text that is not in the common form. */
    static final Instant NOT_THIS_FORM = Instant.MIN;

    private CommonIsoForm() {
    }

    /**
     * The instant, a local date-time read as UTC; null for an impossible date-time in this form (the
     * 13th month); {@link #NOT_THIS_FORM} when the text has another form.
     */
    static Instant read(String text) {
        int length = text.length();
        if (length < 19 || !digits(text, 0, 4) || text.charAt(4) != '-' || !digits(text, 5, 7)
                || text.charAt(7) != '-' || !digits(text, 8, 10) || (text.charAt(10) != 'T' && text.charAt(10) != ' ')
                || !digits(text, 11, 13) || text.charAt(13) != ':' || !digits(text, 14, 16) || text.charAt(16) != ':'
                || !digits(text, 17, 19)) {
            return NOT_THIS_FORM;
        }
        int i = 19;
        int nanos = 0;
        if (i < length && text.charAt(i) == '.') {
            int start = ++i;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return NOT_THIS_FORM;
            }
            nanos = number(text, start, i);
            for (int pad = count; pad < 9; pad++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == length || (i == length - 1 && text.charAt(i) == 'Z')) {
            offset = ZoneOffset.UTC;
        } else if (i == length - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && digits(text, i + 1, i + 3)
                && text.charAt(i + 3) == ':' && digits(text, i + 4, i + 6)) {
            int sign = text.charAt(i) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * number(text, i + 1, i + 3), sign * number(text, i + 4, i + 6));
            } catch (DateTimeException impossibleOffset) {
                return null;
            }
        } else {
            return NOT_THIS_FORM;
        }
        try {
            return LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10), number(text, 11, 13),
                    number(text, 14, 16), number(text, 17, 19), nanos).toInstant(offset);
        } catch (DateTimeException impossible) {
            return null;
        }
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
