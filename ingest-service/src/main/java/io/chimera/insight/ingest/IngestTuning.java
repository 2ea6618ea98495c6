package io.chimera.insight.ingest;

/**
 * How {@link ParallelIngest} spreads its work.
 *
 * @param readers              threads reading, parsing and normalising files (the publisher has its own)
 * @param maxFilesPerTransaction most files one transaction carries
 * @param maxRecordsPerTransaction most records one transaction carries (a file with more gets one of its own)
 * @param maxBytesInFlight     most bytes of file content read ahead of the publisher (at least one file
 *                             is always read, whatever its size)
 * @param windowBytes          most bytes of encoded records a reader holds for one file; a file with more is
 *                             not held but streamed into a transaction of its own by the publishing thread
 */
public record IngestTuning(int readers, int maxFilesPerTransaction, int maxRecordsPerTransaction,
                           long maxBytesInFlight, long windowBytes) {

    /**
     * Files per transaction by default: enough that commits stop mattering, few enough to retry
     * cheaply. The read-ahead window is twice this, and what it holds survives young collections:
     * at 500, garbage collection took 0.3 of the bench's 2 cores and ingest ran 20 % slower than at
     * 200 (docs/benchmarks.md).
     */
    public static final int DEFAULT_MAX_FILES_PER_TRANSACTION = 200;
    public static final int DEFAULT_MAX_RECORDS_PER_TRANSACTION = 20_000;
    public static final long DEFAULT_MAX_BYTES_IN_FLIGHT = 64L * 1024 * 1024;
    /**
     * 4 MiB of encoded records, some 20,000 runs: what {@link #DEFAULT_MAX_RECORDS_PER_TRANSACTION} lets
     * a transaction carry anyway, so a larger file would get a transaction of its own even if it were
     * held, and holding it would only cost memory (a reader per core, each holding its window).
     */
    public static final long DEFAULT_WINDOW_BYTES = 4L * 1024 * 1024;

    public IngestTuning {
        require(readers >= 1, "readers must be at least 1, not " + readers);
        require(maxFilesPerTransaction >= 1, "files per transaction must be at least 1, not " + maxFilesPerTransaction);
        require(maxRecordsPerTransaction >= 1, "records per transaction must be at least 1, not "
                + maxRecordsPerTransaction);
        require(maxBytesInFlight >= 1, "bytes in flight must be at least 1, not " + maxBytesInFlight);
        require(windowBytes >= 1, "the ingest window must be at least 1 byte, not " + windowBytes);
    }

    /** With the default window. */
    public IngestTuning(int readers, int maxFilesPerTransaction, int maxRecordsPerTransaction, long maxBytesInFlight) {
        this(readers, maxFilesPerTransaction, maxRecordsPerTransaction, maxBytesInFlight, DEFAULT_WINDOW_BYTES);
    }

    /** One reader per core, and the default transaction limits. */
    public static IngestTuning defaults() {
        return new IngestTuning(Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_FILES_PER_TRANSACTION,
                DEFAULT_MAX_RECORDS_PER_TRANSACTION, DEFAULT_MAX_BYTES_IN_FLIGHT);
    }


    public IngestTuning withReaders(int count) {
        return new IngestTuning(count, maxFilesPerTransaction, maxRecordsPerTransaction, maxBytesInFlight, windowBytes);
    }

    public IngestTuning withMaxFilesPerTransaction(int count) {
        return new IngestTuning(readers, count, maxRecordsPerTransaction, maxBytesInFlight, windowBytes);
    }

    public IngestTuning withWindowBytes(long bytes) {
        return new IngestTuning(readers, maxFilesPerTransaction, maxRecordsPerTransaction, maxBytesInFlight, bytes);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
