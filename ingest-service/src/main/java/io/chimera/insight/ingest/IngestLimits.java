package io.chimera.insight.ingest;

/**
 * What one file may cost: every limit is a documented bound with its option, and a file over one
 * is dead-lettered naming it.
 *
 * @param maxFileBytes      larger files are dead-lettered unread ({@code --max-file-size})
 * @param maxDocumentChars  most characters of a document read whole (a JSON document whose root is
 *                          not an array, Markdown), whose records may take context from anywhere in
 *                          it ({@code --max-document-size})
 * @param maxRecordsPerFile most records (runs, summaries and dead letters) one file may publish: a
 *                          file is published in one transaction, which must commit within the
 *                          producer's {@code transaction.timeout.ms} ({@code --max-records-per-file})
 */
public record IngestLimits(long maxFileBytes, long maxDocumentChars, long maxRecordsPerFile) {

    /** Far above any rig output seen, far below what would strain the heap (it is never loaded whole). */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;

    /**
     * 4 Mi characters: Jackson's tree of a JSON document, and commonmark's of a Markdown one, take 10
     * to 20 times its text, so one document read whole costs up to ~80 MB; with one reader per core
     * that is what a 1 GiB heap can afford. The largest report in the corpus is 16 KB.
     */
    public static final long DEFAULT_MAX_DOCUMENT_CHARS = 4L * 1024 * 1024;

    /**
     * 3 million: a CSV of plain rows at the 64 MiB size limit holds ~2.2 million (1.1 million in
     * 32 MB); {@code chimera run} on a 60 MB CSV of 1.69 million rows took 56 s in all, its one
     * transaction included (2 cores, docs/reliability.md), so 3 million stay well within the
     * publisher's transaction timeout of 10 minutes.
     */
    public static final long DEFAULT_MAX_RECORDS_PER_FILE = 3_000_000;

    public IngestLimits {
        if (maxFileBytes < 0 || maxDocumentChars < 1 || maxRecordsPerFile < 1) {
            throw new IllegalArgumentException("limits must be positive: file " + maxFileBytes + " bytes, document "
                    + maxDocumentChars + " characters, " + maxRecordsPerFile + " records per file");
        }
    }

    public static IngestLimits defaults() {
        return new IngestLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_DOCUMENT_CHARS, DEFAULT_MAX_RECORDS_PER_FILE);
    }

    public IngestLimits withMaxFileBytes(long bytes) {
        return new IngestLimits(bytes, maxDocumentChars, maxRecordsPerFile);
    }
}
