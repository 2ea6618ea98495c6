package io.chimera.insight.ingest.parse;

/**
 * Part of a file that could not be used (a malformed row, an NDJSON line that is not JSON); it
 * becomes a dead letter while the rest of the file is still read.
 *
 * @param stage the stage that gave up: {@code ingest.parse} or {@code ingest.normalise}
 * @param locator where in the file
 * @param errorClass a short name of the kind of problem ({@code InconsistentRow})
 * @param message human-readable reason
 * @param excerpt the offending input (truncated when published)
 */
public record Problem(String stage, String locator, String errorClass, String message, String excerpt) {

    public static final String STAGE_PARSE = "ingest.parse";
    public static final String STAGE_NORMALISE = "ingest.normalise";
}
