package io.chimera.insight.aggregate.statistics;

import java.util.Comparator;
import java.util.Objects;

/**
 * One run's value in a change-detection series, as an evaluation builds it from the run's stored
 * {@link RunPoint} and its file's {@link ChangeFile}.
 *
 * <p>Its place in time is, in this order of preference, the run's own timestamp
 * ({@code observedAt}, when the file had one), its file's last-modified time ({@code fileModifiedAt},
 * from the {@code benchmark-files} catalog, once known), else when ingest read it ({@code ingestedAt}).
 * Runs at the same time (the rows of one file without timestamps share its modified time) keep
 * their order in the file: {@code seq} is the run record's offset on {@code benchmark-runs}, and a
 * file version's runs are published in row order, in one transaction, to the model's partition.
 *
 * @param observedAt     the run's own time, or {@link #UNKNOWN}
 * @param fileModifiedAt its file version's last-modified time, or {@link #UNKNOWN} while not known: it
 *                       is looked up in the file catalog at each evaluation, not stored with the point
 */
public record SeriesPoint(String runId, String fileId, String sha256, String path, long seq, double value,
                          long observedAt, long fileModifiedAt, long ingestedAt) {

    /** No time of this kind is known. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    /** Series order: time, then file, then row order within the file, then run id (ties never remain). */
    public static final Comparator<SeriesPoint> ORDER = Comparator.comparingLong(SeriesPoint::time)
            .thenComparing(SeriesPoint::fileId).thenComparingLong(SeriesPoint::seq).thenComparing(SeriesPoint::runId);

    public SeriesPoint {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(path, "path");
    }

    /** The point's time in the series (see the class comment). */
    public long time() {
        if (observedAt != UNKNOWN) {
            return observedAt;
        }
        return fileModifiedAt != UNKNOWN ? fileModifiedAt : ingestedAt;
    }

    /** This point with {@code newValue} as its value: the same run's place, in another metric's series. */
    public SeriesPoint withValue(double newValue) {
        return new SeriesPoint(runId, fileId, sha256, path, seq, newValue, observedAt, fileModifiedAt, ingestedAt);
    }
}
