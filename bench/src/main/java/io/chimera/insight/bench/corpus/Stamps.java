package io.chimera.insight.bench.corpus;

import java.time.Instant;
import java.util.Locale;

/** Deterministic times and number formats for generated files, so a seed gives the same bytes. */
final class Stamps {

    private static final Instant EPOCH = Instant.parse("2025-10-01T08:00:00Z");

    private Stamps() {
    }

    /** When file {@code index} was "written" by its rig, plus {@code offsetSeconds}. */
    static Instant at(int index, long offsetSeconds) {
        return EPOCH.plusSeconds(index * 37L + offsetSeconds);
    }

    /** Seconds and rates the way Python rigs print them: plenty of digits. */
    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.7f", value);
    }

    static String twoDecimals(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
