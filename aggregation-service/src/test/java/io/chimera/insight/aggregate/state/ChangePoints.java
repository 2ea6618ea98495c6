package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.SeriesPoint;

/** Run points of the change stores' tests: row {@code row} of file {@code fileId}, a second apart. */
final class ChangePoints {

    private ChangePoints() {
    }

    static String runId(String fileId, int row) {
        return fileId + "#row " + row;
    }

    static SeriesPoint place(String fileId, int row) {
        return new SeriesPoint(runId(fileId, row), fileId, "sha-" + fileId, "results/" + fileId + ".csv", row, Double.NaN,
                1_000L * row, SeriesPoint.UNKNOWN, 1_000L * row);
    }
}
