package io.chimera.insight.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The timeline of each scenario, printed and kept beside the test reports in
 * {@code target/recovery-times.md}: when the fault was injected and undone, and when the reports
 * carried the fault-free figures again, in seconds after the first file was fed. Measured, never
 * asserted: how long recovery takes depends on the machine; that it recovers exactly is what the
 * tests assert.
 */
final class RecoveryTimes {

    private static final Path FILE = Path.of(System.getProperty("chimera.recovery.times", "target/recovery-times.md"));
    private static boolean started;

    private RecoveryTimes() {
    }

    /** One scenario's row; {@code null} times print as "-". */
    static synchronized void record(String scenario, String fault, Double faultAt, Double restoredAt,
                                    double completeAt, String notes) {
        String row = String.format("| %s | %s | %s | %s | %.1f | %s | %s |%n", scenario, fault, seconds(faultAt),
                seconds(restoredAt), completeAt, faultAt == null ? "-" : String.format("%.1f", completeAt - faultAt), notes);
        System.out.print("recovery: " + row);
        try {
            if (!started) {
                Files.createDirectories(FILE.toAbsolutePath().getParent());
                Files.writeString(FILE, """
                        # Recovery times of the container tier

                        Seconds after the first file was fed: fault injected, fault undone (service restarted or \
                        unpaused), reports complete (every model's runs, failed runs and metric means equal to \
                        `chimera run`'s, its narrative in); recovery = complete - injected.

                        | scenario | fault | injected | undone | complete | recovery | notes |
                        |---|---|---|---|---|---|---|
                        """);
                started = true;
            }
            Files.writeString(FILE, row, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE, e);
        }
    }

    private static String seconds(Double value) {
        return value == null ? "-" : String.format("%.1f", value);
    }
}
