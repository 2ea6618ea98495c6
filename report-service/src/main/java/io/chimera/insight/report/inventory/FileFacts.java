package io.chimera.insight.report.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known of one source file from its latest {@code benchmark-files} event and the
 * {@code dead-letters} of that version.
 *
 * @param path        path relative to the watched root, as in the aggregate's file list
 * @param format      detected format ({@code FileFormat} symbol)
 * @param sizeBytes   size of the version read
 * @param modifiedAt  last-modified time of the file when ingest read it
 * @param ingestedAt  when ingest read it
 * @param status      {@code FileStatus} symbol
 * @param runs        runs published from the file (all models in it, failed ones included)
 * @param failedRuns  runs the rig reported with an error
 * @param deadLetters dead letters of this version: unusable records, or the whole file when it was rejected
 * @param droppedValues values left out of the records that were published (a metric cell that is not a
 *                      number), named in the file event's warnings
 */
public record FileFacts(String path, String format, long sizeBytes, Instant modifiedAt, Instant ingestedAt,
                        String status, int runs, int failedRuns, int deadLetters, int droppedValues) {

    public FileFacts {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(ingestedAt, "ingestedAt");
        Objects.requireNonNull(status, "status");
    }
}
